import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { AuthState, ConnectionStep } from '../../../../shared/contract.ts'
import { AppFailure, type AppError } from '../../../../shared/errors.ts'
import { testConnectionSteps } from '../../testing/fake-core.ts'
import { renderApp } from '../../testing/render-app.tsx'
import { summarizeSteps } from './describe-connection-step.ts'

afterEach(cleanup)

const signedOut = (error?: AppError) => ({
  'auth:get': (): AuthState => ({ kind: 'signed_out', ...(error ? { error } : {}) }),
})

const testButton = () => screen.getByRole<HTMLButtonElement>('button', { name: 'Test connection' })
const panel = () => screen.getByRole('region', { name: 'Connection test' })
const stepItem = (label: string) => {
  const item = within(panel())
    .getAllByRole('listitem')
    .find((li) => within(li).queryByText(label, { exact: true }))
  if (!item) throw new Error(`No step named ${label}`)
  return item
}

const signedOutSteps: ConnectionStep[] = [
  testConnectionSteps[0]!,
  {
    step: 'github_api',
    url: 'https://api.github.com/',
    outcome: 'dns',
    message: 'DNS could not resolve api.github.com. Check your network or DNS settings.',
  },
  {
    step: 'copilot',
    url: 'https://api.githubcopilot.com/models',
    outcome: 'skipped',
    message: 'Sign in to test the Copilot API.',
  },
]

describe('test connection', () => {
  it('runs from the account panel and shows each step', async () => {
    let answer = (_steps: ConnectionStep[]) => {}
    const { core } = await renderApp({
      'network:test': () => new Promise<ConnectionStep[]>((resolve) => (answer = resolve)),
    })
    const account = screen.getByRole('region', { name: 'Account' })
    const button = within(account).getByRole('button', { name: 'Test connection' })
    expect(button.className).toContain('button-small')
    expect(screen.queryByRole('region', { name: 'Connection test' })).toBeNull()

    fireEvent.click(button)
    expect(within(panel()).getByRole('status').textContent).toContain('Testing the connection…')
    expect(document.activeElement).toBe(panel())
    await waitFor(() => expect(core.callsTo('network:test')).toHaveLength(1))

    await act(async () => answer(testConnectionSteps))
    const status = within(panel()).getByRole('status')
    expect(status.textContent).toBe('No problems found.')
    expect(within(panel()).getAllByRole('listitem')).toHaveLength(3)
    for (const [label, step] of [
      ['GitHub sign-in', testConnectionSteps[0]!],
      ['GitHub API', testConnectionSteps[1]!],
      ['Copilot API', testConnectionSteps[2]!],
    ] as const) {
      const item = stepItem(label)
      expect(within(item).getByText('OK', { exact: true })).toBeTruthy()
      expect(within(item).getByText(step.url)).toBeTruthy()
      expect(within(item).getByText(step.message)).toBeTruthy()
    }
  })

  it('says in words which step failed and which was skipped, message included', async () => {
    await renderApp({ ...signedOut(), 'network:test': () => signedOutSteps })
    expect(testButton().className).toBe('button-link')
    fireEvent.click(testButton())
    await within(panel()).findAllByRole('listitem')
    expect(within(stepItem('GitHub sign-in')).getByText('OK', { exact: true })).toBeTruthy()
    const api = stepItem('GitHub API')
    expect(within(api).getByText('Failed', { exact: true })).toBeTruthy()
    expect(within(api).getByText(/^DNS could not resolve api\.github\.com/)).toBeTruthy()
    const copilot = stepItem('Copilot API')
    expect(within(copilot).getByText('Skipped', { exact: true })).toBeTruthy()
    expect(within(copilot).getByText('Sign in to test the Copilot API.')).toBeTruthy()
    expect(within(panel()).getByRole('status').textContent).toBe('GitHub API failed.')
  })

  it('shows a request that failed as a whole in an alert, with Retry', async () => {
    let fail = true
    await renderApp({
      'network:test': () => {
        if (fail) throw new AppFailure({ kind: 'internal', message: 'The test could not run.' })
        return testConnectionSteps
      },
    })
    fireEvent.click(testButton())
    const alert = await within(panel()).findByRole('alert')
    expect(alert.textContent).toContain('The test could not run.')
    expect(within(panel()).queryByRole('list')).toBeNull()

    fail = false
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }))
    expect(await within(panel()).findAllByRole('listitem')).toHaveLength(3)
    expect(within(panel()).queryByRole('alert')).toBeNull()
  })

  it('closes with Close and gives focus back to the button', async () => {
    await renderApp()
    fireEvent.click(testButton())
    await within(panel()).findAllByRole('listitem')
    fireEvent.click(within(panel()).getByRole('button', { name: 'Close' }))
    expect(screen.queryByRole('region', { name: 'Connection test' })).toBeNull()
    expect(document.activeElement).toBe(testButton())
  })

  it('closes with Escape from anywhere inside the panel', async () => {
    await renderApp(signedOut())
    fireEvent.click(testButton())
    await within(panel()).findAllByRole('listitem')
    fireEvent.keyDown(within(panel()).getByRole('button', { name: 'Close' }), { key: 'Escape' })
    expect(screen.queryByRole('region', { name: 'Connection test' })).toBeNull()
    expect(document.activeElement).toBe(testButton())
  })

  it('runs again while the panel is open', async () => {
    const { core } = await renderApp()
    fireEvent.click(testButton())
    await within(panel()).findAllByRole('listitem')
    fireEvent.click(testButton())
    await waitFor(() => expect(core.callsTo('network:test')).toHaveLength(2))
    expect(await within(panel()).findAllByRole('listitem')).toHaveLength(3)
  })
})

describe('test connection on the sign-in screen', () => {
  it.each([
    { kind: 'network', message: 'GitHub could not be reached.' },
    { kind: 'upstream', status: 502, message: 'GitHub answered 502.' },
  ] satisfies AppError[])('is offered next to Try again after a $kind error', async (error) => {
    const { core } = await renderApp(signedOut(error))
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy()
    expect(testButton().className).toBe('button')
    fireEvent.click(testButton())
    expect(await within(panel()).findAllByRole('listitem')).toHaveLength(3)
    expect(core.callsTo('auth:start')).toHaveLength(0)
  })

  it('is not offered where the network is not to blame', async () => {
    await renderApp(signedOut({ kind: 'access_denied', message: 'You declined.' }))
    expect(screen.queryByRole('button', { name: 'Test connection' })).toBeNull()
  })

  it('is offered quietly on the plain start', async () => {
    await renderApp(signedOut({ kind: 'cancelled', message: 'Cancelled.' }))
    expect(testButton().className).toBe('button-link')
  })

  it('closes once sign-in moves on', async () => {
    const { core } = await renderApp(signedOut())
    fireEvent.click(testButton())
    await within(panel()).findAllByRole('listitem')
    act(() => core.hub.emit('auth:changed', { kind: 'requesting_code' }))
    await screen.findByText('Asking GitHub for a code…')
    act(() => core.hub.emit('auth:changed', { kind: 'signed_out' }))
    await screen.findByRole('button', { name: 'Sign in with GitHub' })
    expect(screen.queryByRole('region', { name: 'Connection test' })).toBeNull()
  })
})

describe('summarizeSteps', () => {
  it('names every failed step', () => {
    const failed = (step: ConnectionStep['step']): ConnectionStep => ({
      step,
      url: 'https://example.test/',
      outcome: 'tls',
      message: 'TLS failed.',
    })
    expect(summarizeSteps(testConnectionSteps)).toBe('No problems found.')
    expect(summarizeSteps([failed('github'), failed('copilot')])).toBe(
      'GitHub sign-in and Copilot API failed.',
    )
    expect(summarizeSteps([failed('github'), failed('github_api'), failed('copilot')])).toBe(
      'GitHub sign-in, GitHub API and Copilot API failed.',
    )
  })
})
