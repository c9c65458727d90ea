import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { Session, SessionSummary } from '../../shared/contract.ts'
import { AppFailure } from '../../shared/errors.ts'
import { message, testCatalog } from './testing/fake-core.ts'
import { renderApp } from './testing/render-app.tsx'

afterEach(cleanup)

/** The picker's button, named after the picked model once the catalog is in. */
const pickerShows = (name: string) =>
  waitFor(() => expect(screen.getByRole('button', { name: `Model: ${name}` })).toBeTruthy())

const summaries: SessionSummary[] = [
  {
    id: 's2',
    title: 'Rust lifetimes',
    modelId: 'claude-sonnet-4',
    createdAt: 2,
    updatedAt: 20,
    pinned: false,
  },
  { id: 's1', title: 'Bash loops', modelId: 'gpt-4o', createdAt: 1, updatedAt: 10, pinned: false },
]

const sessions: Record<string, Session> = {
  s2: {
    ...summaries[0]!,
    systemPrompt: '',
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
    hasOlder: false,
  },
}

describe('main window', () => {
  it('picks the chat default model and remembers a new pick from the picker', async () => {
    const { core } = await renderApp()
    await pickerShows('GPT-4o')
    fireEvent.click(screen.getByRole('button', { name: 'Model: GPT-4o' }))
    fireEvent.change(screen.getByRole('combobox', { name: 'Filter models' }), {
      target: { value: 'gemini' },
    })
    fireEvent.keyDown(screen.getByRole('combobox', { name: 'Filter models' }), { key: 'Enter' })
    await pickerShows('Gemini 2.5 Pro')
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
        return testCatalog()
      },
    })
    expect((await screen.findByRole('alert')).textContent).toContain('Copilot is offline.')
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }))
    await pickerShows('GPT-4o')
  })

  it('lists the sessions and opens one', async () => {
    const { core } = await renderApp(
      {
        'sessions:get': ({ id }) => {
          const session = sessions[id]
          if (!session) throw new AppFailure({ kind: 'invalid_input', message: 'No such session.' })
          return session
        },
      },
      { sessions: summaries },
    )
    const nav = await screen.findByRole('navigation', { name: 'Sessions' })
    await waitFor(() => expect(within(nav).getAllByRole('listitem')).toHaveLength(2))
    const titles = within(nav)
      .getAllByRole('button')
      .map((b) => b.textContent)
    expect(titles).toEqual(['Rust lifetimes', 'Bash loops'])
    await pickerShows('GPT-4o')

    fireEvent.click(within(nav).getByRole('button', { name: 'Rust lifetimes' }))
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Message' }))
    const answer = await screen.findByRole('article', { name: 'Copilot' })
    expect(answer.querySelector('strong')?.textContent).toBe('lifetime')
    expect(
      within(screen.getByRole('article', { name: 'You' })).getByText('Explain lifetimes'),
    ).toBeTruthy()
    expect(
      within(nav).getByRole('button', { name: 'Rust lifetimes' }).getAttribute('aria-current'),
    ).toBe('page')
    expect(screen.getByRole('heading', { level: 1, name: 'Rust lifetimes' })).toBeTruthy()
    await pickerShows('Claude Sonnet 4')
    // Only the latest page: earlier messages wait until the reader scrolls up.
    expect(core.callsTo('sessions:get')).toEqual([{ id: 's2', limit: 12 }])

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
    const { core } = await renderApp({}, { sessions: () => list })
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
