import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { AuthState } from '../../../../shared/contract.ts'
import { AppFailure, type AppError } from '../../../../shared/errors.ts'
import { renderApp } from '../../testing/render-app.tsx'
import { formatRemaining } from './countdown.ts'
import { DeviceCodeCard } from './device-code-card.tsx'

afterEach(() => {
  cleanup()
  vi.useRealTimers()
  vi.restoreAllMocks()
})

const awaitingUser = (
  overrides: Partial<Extract<AuthState, { kind: 'awaiting_user' }>> = {},
): AuthState => ({
  kind: 'awaiting_user',
  userCode: 'ABCD-1234',
  verificationUri: 'https://github.com/login/device',
  expiresAt: Date.now() + 900_000,
  intervalMs: 5000,
  polling: 'waiting',
  ...overrides,
})

const signedOutWith = (error: AppError) => ({
  'auth:get': (): AuthState => ({ kind: 'signed_out', error }),
})

const button = (name: string) => screen.getByRole<HTMLButtonElement>('button', { name })

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

  it('offers the GHE.com tenant config.json names in the enterprise form', async () => {
    await renderApp({
      'auth:get': () => ({ kind: 'signed_out' }),
      'app:status': () => ({
        configProblem: null,
        enterpriseHost: 'acme.ghe.com',
        storageProblem: null,
      }),
    })
    fireEvent.click(button('Use GitHub Enterprise (ghe.com)'))
    const field = screen.getByRole<HTMLInputElement>('textbox', { name: 'Enterprise domain' })
    expect(field.value).toBe('acme.ghe.com')
  })

  it('offers github.com and GitHub Enterprise when nothing went wrong', async () => {
    await renderApp({ 'auth:get': () => ({ kind: 'signed_out' }) })
    expect(screen.queryByRole('alert')).toBeNull()
    expect(button('Sign in with GitHub').className).toContain('button-primary')
    expect(button('Use GitHub Enterprise (ghe.com)')).toBeTruthy()
  })

  it('shows a failed auth:start next to the button', async () => {
    await renderApp({
      'auth:get': () => ({ kind: 'signed_out' }),
      'auth:start': () => {
        throw new AppFailure({ kind: 'network', message: 'GitHub could not be reached.' })
      },
    })
    fireEvent.click(button('Sign in with GitHub'))
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('GitHub could not be reached.')
    expect(within(alert).getByRole('heading', { name: "Can't reach GitHub" })).toBeTruthy()
    expect(button('Try again')).toBeTruthy()
  })
  it('shows the device code card and cancels', async () => {
    const { core } = await renderApp({ 'auth:get': () => awaitingUser() })
    expect(screen.getByText('ABCD-1234')).toBeTruthy()
    expect(screen.getByRole('heading', { name: 'Enter this code on GitHub' })).toBeTruthy()
    expect(screen.getByRole('button', { name: /^Copy code/ })).toBeTruthy()
    const link = screen.getByRole('link', { name: /Open GitHub/ })
    expect(link.getAttribute('href')).toBe('https://github.com/login/device')
    expect(link.getAttribute('target')).toBe('_blank')
    expect(link.getAttribute('rel')).toBe('noopener noreferrer')
    expect(link.textContent).toBe('Open GitHub github.com/login/device')
    expect(screen.getByText(/^Code expires in 1[45]:\d\d$/)).toBeTruthy()
    expect(screen.getAllByRole('status').some((s) => /Waiting/.test(s.textContent ?? ''))).toBe(
      true,
    )

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
    const button = screen.getByRole('button', { name: 'Copy code' })
    fireEvent.click(button)
    await waitFor(() => expect(button.textContent).toBe('Copied'))
    expect(screen.getAllByRole('status').some((status) => status.textContent === 'Copied')).toBe(
      true,
    )
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

describe('sign-in problems', () => {
  it('offers a new code when the code expired', async () => {
    const { core } = await renderApp(
      signedOutWith({ kind: 'device_code_expired', message: 'The sign-in code expired.' }),
    )
    const alert = screen.getByRole('alert')
    expect(within(alert).getByRole('heading', { name: 'The code expired' })).toBeTruthy()
    expect(alert.textContent).toContain('The sign-in code expired.')
    expect(button('Get a new code').className).toContain('button-primary')
    fireEvent.click(button('Get a new code'))
    await waitFor(() => expect(core.callsTo('auth:start')).toEqual([undefined]))
  })

  it('says the person declined and offers to try again', async () => {
    const { core } = await renderApp(
      signedOutWith({ kind: 'access_denied', message: 'You declined the sign-in on GitHub.' }),
    )
    const alert = screen.getByRole('alert')
    expect(within(alert).getByRole('heading', { name: 'You declined on GitHub' })).toBeTruthy()
    expect(alert.textContent).toContain('declined the sign-in')
    // The plain way in stays, for people who would rather start over.
    expect(button('Sign in with GitHub')).toBeTruthy()
    fireEvent.click(button('Try again'))
    await waitFor(() => expect(core.callsTo('auth:start')).toHaveLength(1))
  })

  it('gives the reason for no Copilot access and links to the plans', async () => {
    const { core } = await renderApp(
      signedOutWith({
        kind: 'no_copilot_access',
        message: 'No access to GitHub Copilot found. You are currently logged in as octocat.',
        url: 'https://github.com/features/copilot/plans',
      }),
    )
    const alert = screen.getByRole('alert')
    expect(within(alert).getByRole('heading', { name: 'No Copilot access' })).toBeTruthy()
    expect(alert.textContent).toContain('You are currently logged in as octocat.')
    expect(alert.textContent).not.toContain('Something went wrong')
    const link = within(alert).getByRole('link', { name: 'See Copilot plans' })
    expect(link.getAttribute('href')).toBe('https://github.com/features/copilot/plans')
    expect(link.getAttribute('target')).toBe('_blank')
    expect(link.getAttribute('rel')).toBe('noopener noreferrer')
    fireEvent.click(button('Sign in with another account'))
    await waitFor(() => expect(core.callsTo('auth:start')).toHaveLength(1))
  })

  it('leaves out a plans link that is not https', async () => {
    await renderApp(
      signedOutWith({
        kind: 'no_copilot_access',
        message: 'No Copilot here.',
        url: 'javascript:alert(1)',
      }),
    )
    expect(screen.getByRole('alert').textContent).toContain('No Copilot here.')
    expect(screen.queryByRole('link')).toBeNull()
  })

  it('asks to sign in again after GitHub refused the token', async () => {
    const { core } = await renderApp(
      signedOutWith({ kind: 'unauthorized', message: 'GitHub no longer accepts the sign-in.' }),
    )
    const alert = screen.getByRole('alert')
    expect(within(alert).getByRole('heading', { name: 'Sign in again' })).toBeTruthy()
    expect(alert.textContent).toContain('GitHub no longer accepts the sign-in.')
    expect(screen.getAllByRole('button', { name: 'Sign in with GitHub' })).toHaveLength(1)
    fireEvent.click(button('Sign in with GitHub'))
    await waitFor(() => expect(core.callsTo('auth:start')).toHaveLength(1))
  })

  it('names the config key for an upstream refusal and offers to try again', async () => {
    const message =
      'GitHub has the device flow turned off for this app: set clientId in config.json.'
    const { core } = await renderApp(signedOutWith({ kind: 'upstream', status: 400, message }))
    expect(screen.getByRole('alert').textContent).toContain(message)
    fireEvent.click(button('Try again'))
    await waitFor(() => expect(core.callsTo('auth:start')).toHaveLength(1))
  })

  it('shows a plain start after a cancel', async () => {
    await renderApp(signedOutWith({ kind: 'cancelled', message: 'Cancelled.' }))
    expect(screen.queryByRole('alert')).toBeNull()
    expect(button('Sign in with GitHub')).toBeTruthy()
  })
})

describe('GitHub Enterprise sign-in', () => {
  it('signs in to the tenant typed in', async () => {
    const { core } = await renderApp({ 'auth:get': () => ({ kind: 'signed_out' }) })
    fireEvent.click(button('Use GitHub Enterprise (ghe.com)'))
    const field = screen.getByRole<HTMLInputElement>('textbox', { name: 'Enterprise domain' })
    expect(field.getAttribute('placeholder')).toBe('acme.ghe.com')
    expect(document.activeElement).toBe(field)
    fireEvent.change(field, { target: { value: ' acme.ghe.com ' } })
    fireEvent.click(button('Sign in to GitHub Enterprise'))
    await waitFor(() =>
      expect(core.callsTo('auth:start')).toEqual([{ enterpriseHost: 'acme.ghe.com' }]),
    )
  })

  it('asks for a domain before calling the core', async () => {
    const { core } = await renderApp({ 'auth:get': () => ({ kind: 'signed_out' }) })
    fireEvent.click(button('Use GitHub Enterprise (ghe.com)'))
    fireEvent.click(button('Sign in to GitHub Enterprise'))
    expect(screen.getByRole('alert').textContent).toContain('Enter your GitHub Enterprise domain')
    expect(core.callsTo('auth:start')).toEqual([])
  })

  it('shows a refused domain next to the field and keeps the text', async () => {
    const { core } = await renderApp({
      'auth:get': () => ({ kind: 'signed_out' }),
      'auth:start': () => {
        throw new AppFailure({
          kind: 'invalid_input',
          message: 'A GitHub Enterprise Cloud domain ends in .ghe.com, like acme.ghe.com.',
        })
      },
    })
    fireEvent.click(button('Use GitHub Enterprise (ghe.com)'))
    const field = screen.getByRole<HTMLInputElement>('textbox', { name: 'Enterprise domain' })
    fireEvent.change(field, { target: { value: 'github.acme.com' } })
    fireEvent.submit(field.closest('form')!)
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toBe(
      'A GitHub Enterprise Cloud domain ends in .ghe.com, like acme.ghe.com.',
    )
    expect(field.value).toBe('github.acme.com')
    expect(field.getAttribute('aria-invalid')).toBe('true')
    expect(field.getAttribute('aria-describedby')).toBe(alert.id)
    expect(core.callsTo('auth:start')).toEqual([{ enterpriseHost: 'github.acme.com' }])

    fireEvent.click(button('Back'))
    expect(screen.queryByRole('alert')).toBeNull()
    expect(document.activeElement).toBe(button('Use GitHub Enterprise (ghe.com)'))
  })

  it('gets a new code from the same tenant after it expired', async () => {
    const { core } = await renderApp({ 'auth:get': () => ({ kind: 'signed_out' }) })
    fireEvent.click(button('Use GitHub Enterprise (ghe.com)'))
    fireEvent.change(screen.getByRole('textbox', { name: 'Enterprise domain' }), {
      target: { value: 'acme.ghe.com' },
    })
    fireEvent.click(button('Sign in to GitHub Enterprise'))
    await waitFor(() => expect(core.callsTo('auth:start')).toHaveLength(1))
    act(() => core.hub.emit('auth:changed', awaitingUser()))
    await screen.findByText('ABCD-1234')
    act(() =>
      core.hub.emit('auth:changed', {
        kind: 'signed_out',
        error: { kind: 'device_code_expired', message: 'The sign-in code expired.' },
      }),
    )
    fireEvent.click(await screen.findByRole('button', { name: 'Get a new code' }))
    await waitFor(() =>
      expect(core.callsTo('auth:start')).toEqual([
        { enterpriseHost: 'acme.ghe.com' },
        { enterpriseHost: 'acme.ghe.com' },
      ]),
    )
    // The plain button still means github.com.
    fireEvent.click(button('Sign in with GitHub'))
    await waitFor(() => expect(core.callsTo('auth:start')[2]).toBeUndefined())
    expect(core.callsTo('auth:start')).toHaveLength(3)
  })
})

describe('polling notices', () => {
  const statusWith = (text: RegExp) =>
    screen.getAllByRole('status').find((s) => text.test(s.textContent ?? ''))

  it('says how polling goes as it changes', async () => {
    const { core } = await renderApp({ 'auth:get': () => awaitingUser() })
    expect(statusWith(/Waiting for you to approve on GitHub…/)).toBeTruthy()

    act(() =>
      core.hub.emit('auth:changed', awaitingUser({ polling: 'slowed_down', intervalMs: 10_000 })),
    )
    expect(
      await screen.findByText(
        'GitHub asked LogAI to check less often (every 10 s). Still waiting…',
      ),
    ).toBeTruthy()

    act(() => core.hub.emit('auth:changed', awaitingUser({ polling: 'reconnecting' })))
    expect(
      await screen.findByText(
        "Can't reach GitHub right now. Still trying — your approval will not be lost.",
      ),
    ).toBeTruthy()
    expect(screen.queryByRole('alert')).toBeNull()
    expect(screen.getByText('ABCD-1234')).toBeTruthy()
  })

  it('offers a new code once the countdown ran out', async () => {
    const { core } = await renderApp({
      'auth:get': () => awaitingUser({ expiresAt: Date.now() - 1 }),
    })
    expect(statusWith(/^The code has expired\.$/)).toBeTruthy()
    expect(screen.queryByRole('link', { name: /Open GitHub/ })).toBeNull()
    fireEvent.click(button('Get a new code'))
    await waitFor(() => expect(core.callsTo('auth:start')).toEqual([undefined]))
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
        intervalMs={5000}
        polling="waiting"
        onCancel={() => {}}
        cancelling={false}
        onNewCode={() => {}}
        starting={false}
        error={null}
      />
    )
    render(card)
    expect(screen.getByText('Code expires in 14:32')).toBeTruthy()
    act(() => vi.advanceTimersByTime(1000))
    expect(screen.getByText('Code expires in 14:31')).toBeTruthy()
    act(() => vi.advanceTimersByTime(872_000))
    expect(screen.getByRole('status').textContent).toBe('The code has expired.')
    expect(screen.queryByText(/^Code expires in/)).toBeNull()
    expect(screen.getByRole('button', { name: 'Get a new code' })).toBeTruthy()
  })
})
