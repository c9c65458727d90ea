import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { AppFailure } from '../../../../shared/errors.ts'
import { renderApp } from '../../testing/render-app.tsx'
import { formatRemaining } from './countdown.ts'
import { DeviceCodeCard } from './device-code-card.tsx'

afterEach(() => {
  cleanup()
  vi.useRealTimers()
  vi.restoreAllMocks()
})

const awaitingUser = (expiresInMs = 900_000) =>
  ({
    kind: 'awaiting_user',
    userCode: 'ABCD-1234',
    verificationUri: 'https://github.com/login/device',
    expiresAt: Date.now() + expiresInMs,
    intervalMs: 5000,
  }) as const

describe('sign-in screen', () => {
  it('says what LogAI is and starts the device flow', async () => {
    const { core } = await renderApp({ 'auth:get': () => ({ kind: 'signed_out' }) })
    expect(screen.getByRole('heading', { name: 'LogAI' })).toBeTruthy()
    expect(
      screen.getByText('Chat with every GitHub Copilot model, outside the editor.'),
    ).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with GitHub' }))
    await waitFor(() => expect(core.callsTo('auth:start')).toHaveLength(1))
  })

  it('shows why the last sign-in ended', async () => {
    await renderApp({
      'auth:get': () => ({
        kind: 'signed_out',
        error: { kind: 'access_denied', message: 'You declined the sign-in on GitHub.' },
      }),
    })
    expect(screen.getByRole('alert').textContent).toBe('You declined the sign-in on GitHub.')
  })

  it('shows a failed auth:start next to the button', async () => {
    await renderApp({
      'auth:get': () => ({ kind: 'signed_out' }),
      'auth:start': () => {
        throw new AppFailure({ kind: 'network', message: 'GitHub could not be reached.' })
      },
    })
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with GitHub' }))
    expect((await screen.findByRole('alert')).textContent).toBe('GitHub could not be reached.')
  })

  it('shows the device code card and cancels', async () => {
    const { core } = await renderApp({ 'auth:get': () => awaitingUser() })
    expect(screen.getByText('ABCD-1234')).toBeTruthy()
    expect(screen.getByRole('button', { name: /^Copy code/ })).toBeTruthy()
    const link = screen.getByRole('link', { name: /Open GitHub/ })
    expect(link.getAttribute('href')).toBe('https://github.com/login/device')
    expect(link.getAttribute('target')).toBe('_blank')
    expect(link.getAttribute('rel')).toBe('noopener noreferrer')
    expect(link.textContent).toBe('Open GitHub github.com/login/device')
    expect(screen.getByText(/^Code expires in 1[45]:\d\d$/)).toBeTruthy()
    expect(screen.getByText('Waiting for you to approve on GitHub…')).toBeTruthy()

    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    await waitFor(() => expect(core.callsTo('auth:cancel')).toHaveLength(1))
  })

  it('cancels while signing in', async () => {
    let answer = () => {}
    const { core } = await renderApp({
      'auth:get': () => ({ kind: 'completing' }),
      'auth:cancel': () => new Promise<void>((resolve) => (answer = resolve)),
    })
    expect(screen.getByRole('status').textContent).toContain('Signing in…')
    const cancel = screen.getByRole<HTMLButtonElement>('button', { name: 'Cancel' })
    fireEvent.click(cancel)
    await waitFor(() => expect(core.callsTo('auth:cancel')).toHaveLength(1))
    expect(cancel.disabled).toBe(true)
    await act(async () => answer())
    act(() => core.hub.emit('auth:changed', { kind: 'signed_out' }))
    expect(await screen.findByRole('button', { name: 'Sign in with GitHub' })).toBeTruthy()
  })

  it('follows the flow through auth:changed events', async () => {
    const { core } = await renderApp({ 'auth:get': () => ({ kind: 'signed_out' }) })
    act(() => core.hub.emit('auth:changed', { kind: 'requesting_code' }))
    expect(await screen.findByText('Asking GitHub for a code…')).toBeTruthy()
    act(() => core.hub.emit('auth:changed', awaitingUser()))
    expect(await screen.findByText('ABCD-1234')).toBeTruthy()
    act(() => core.hub.emit('auth:changed', { kind: 'completing' }))
    expect(await screen.findByText('Signing in…')).toBeTruthy()
    act(() =>
      core.hub.emit('auth:changed', {
        kind: 'signed_in',
        login: 'octocat',
        host: 'github.com',
        storage: 'memory',
        storageWarning: 'No keychain was found, so you will need to sign in again next time.',
      }),
    )
    expect(await screen.findByText('Signed in as')).toBeTruthy()
    expect(screen.getAllByRole('alert')[0]?.textContent).toBe(
      'No keychain was found, so you will need to sign in again next time.',
    )
  })

  it('copies the code and says so', async () => {
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue()
    await renderApp({ 'auth:get': () => awaitingUser() })
    fireEvent.click(screen.getByRole('button', { name: 'Copy code' }))
    expect(await screen.findByRole('button', { name: 'Copied' })).toBeTruthy()
    expect(writeText).toHaveBeenCalledWith('ABCD-1234')
  })

  it('selects the code when the clipboard refuses', async () => {
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('denied'))
    await renderApp({ 'auth:get': () => awaitingUser() })
    fireEvent.click(screen.getByRole('button', { name: 'Copy code' }))
    expect(await screen.findByText(/Press (Ctrl|Cmd)\+C to copy/)).toBeTruthy()
    expect(window.getSelection()?.toString()).toBe('ABCD-1234')
  })
})

describe('countdown', () => {
  it('formats the time left', () => {
    expect(formatRemaining(872_000)).toBe('14:32')
    expect(formatRemaining(871_001)).toBe('14:32')
    expect(formatRemaining(5_000)).toBe('0:05')
    expect(formatRemaining(3_725_000)).toBe('1:02:05')
    expect(formatRemaining(-1)).toBe('0:00')
  })

  it('ticks every second', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] })
    const card = (
      <DeviceCodeCard
        userCode="ABCD-1234"
        verificationUri="https://github.com/login/device"
        expiresAt={Date.now() + 872_000}
        onCancel={() => {}}
        cancelling={false}
        error={null}
      />
    )
    render(card)
    expect(screen.getByText('Code expires in 14:32')).toBeTruthy()
    act(() => vi.advanceTimersByTime(1000))
    expect(screen.getByText('Code expires in 14:31')).toBeTruthy()
    act(() => vi.advanceTimersByTime(872_000))
    expect(screen.getByText('The code has expired.')).toBeTruthy()
  })
})
