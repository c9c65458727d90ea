import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { Session, SessionSummary } from '../../shared/contract.ts'
import { AppFailure } from '../../shared/errors.ts'
import { message, testModels } from './testing/fake-core.ts'
import { renderApp } from './testing/render-app.tsx'

afterEach(cleanup)

const picker = () => screen.getByRole<HTMLSelectElement>('combobox', { name: 'Model' })

const summaries: SessionSummary[] = [
  { id: 's2', title: 'Rust lifetimes', modelId: 'claude-sonnet-4', createdAt: 2, updatedAt: 20 },
  { id: 's1', title: 'Bash loops', modelId: 'gpt-4o', createdAt: 1, updatedAt: 10 },
]

const sessions: Record<string, Session> = {
  s2: {
    ...summaries[0]!,
    messages: [
      message({ id: 'm1', sessionId: 's2', role: 'user', content: 'Explain lifetimes' }),
      message({
        id: 'm2',
        sessionId: 's2',
        role: 'assistant',
        content: 'A **lifetime** is a scope.',
        modelId: 'claude-sonnet-4',
      }),
    ],
  },
}

describe('main window', () => {
  it('lists the models by vendor and describes the picked one', async () => {
    const { core } = await renderApp()
    await waitFor(() => expect(picker().value).toBe('gpt-4o'))
    const groups = [...picker().querySelectorAll('optgroup')].map((g) => g.label)
    expect(groups).toEqual(['OpenAI', 'Anthropic', 'Google'])
    expect(
      within(picker())
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(testModels.map((m) => m.name))
    expect(screen.getByText('OpenAI · Vision · Tools · 128k context · Included')).toBeTruthy()

    fireEvent.change(picker(), { target: { value: 'gemini-2.5-pro' } })
    expect(screen.getByText('Google · Preview · Tools · 1M context · 0.33× premium')).toBeTruthy()
    await waitFor(() =>
      expect(core.callsTo('models:select')).toEqual([{ modelId: 'gemini-2.5-pro' }]),
    )
  })

  it('offers Retry when the models cannot be listed', async () => {
    let attempts = 0
    await renderApp({
      'models:list': () => {
        attempts++
        if (attempts === 1)
          throw new AppFailure({ kind: 'network', message: 'Copilot is offline.' })
        return { models: testModels, selectedId: null }
      },
    })
    expect((await screen.findByRole('alert')).textContent).toContain('Copilot is offline.')
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }))
    await waitFor(() => expect(picker().value).toBe('gpt-4o'))
  })

  it('lists the sessions and opens one', async () => {
    const { core } = await renderApp({
      'sessions:list': () => summaries,
      'sessions:get': ({ id }) => {
        const session = sessions[id]
        if (!session) throw new AppFailure({ kind: 'invalid_input', message: 'No such session.' })
        return session
      },
    })
    const nav = await screen.findByRole('navigation', { name: 'Sessions' })
    await waitFor(() => expect(within(nav).getAllByRole('listitem')).toHaveLength(2))
    const titles = within(nav)
      .getAllByRole('button')
      .map((b) => b.textContent)
    expect(titles).toEqual(['Rust lifetimes', 'Bash loops'])
    await waitFor(() => expect(picker().value).toBe('gpt-4o'))

    fireEvent.click(within(nav).getByRole('button', { name: 'Rust lifetimes' }))
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Message' }))
    const answer = await screen.findByRole('article', { name: 'Copilot' })
    expect(answer.querySelector('strong')?.textContent).toBe('lifetime')
    expect(screen.getByRole('article', { name: 'You' }).textContent).toBe('Explain lifetimes')
    expect(
      within(nav).getByRole('button', { name: 'Rust lifetimes' }).getAttribute('aria-current'),
    ).toBe('page')
    expect(screen.getByRole('heading', { level: 1, name: 'Rust lifetimes' })).toBeTruthy()
    await waitFor(() => expect(picker().value).toBe('claude-sonnet-4'))
    expect(core.callsTo('sessions:get')).toEqual([{ id: 's2' }])

    fireEvent.click(screen.getByRole('button', { name: 'New chat' }))
    expect(screen.queryByRole('article')).toBeNull()
    expect(screen.getByRole('heading', { level: 1, name: 'New chat' })).toBeTruthy()
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Message' }))
    expect(
      within(nav).getByRole('button', { name: 'Rust lifetimes' }).hasAttribute('aria-current'),
    ).toBe(false)
  })

  it('refreshes the list when sessions change', async () => {
    let list: SessionSummary[] = []
    const { core } = await renderApp({ 'sessions:list': () => list })
    await screen.findByText('Your conversations will appear here.')
    list = summaries
    act(() => core.hub.emit('sessions:changed', {}))
    expect(await screen.findByRole('button', { name: 'Bash loops' })).toBeTruthy()
  })

  it('shows the account and signs out', async () => {
    const { core } = await renderApp()
    expect(screen.getByText('octocat')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }))
    await waitFor(() => expect(core.callsTo('auth:signOut')).toHaveLength(1))
    act(() => core.hub.emit('auth:changed', { kind: 'signed_out' }))
    expect(await screen.findByRole('button', { name: 'Sign in with GitHub' })).toBeTruthy()
  })
})
