import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { Account } from '../../../../shared/contract.ts'
import { AppFailure } from '../../../../shared/errors.ts'
import { signedIn, testAccount } from '../../testing/fake-core.ts'
import { renderApp } from '../../testing/render-app.tsx'
import { formatResetDate } from './describe-account.ts'

afterEach(cleanup)

const panel = () => screen.getByRole('region', { name: 'Account' })
const withAccount = (account: Account) => ({ 'account:get': () => account })

describe('account panel', () => {
  it('shows the login, the plan, the quota left and when it resets', async () => {
    await renderApp()
    expect(within(panel()).getByText('Signed in as')).toBeTruthy()
    expect(await within(panel()).findByText('Copilot Pro+')).toBeTruthy()
    expect(within(panel()).getByText('300 of 300 premium requests left')).toBeTruthy()
    const bar = within(panel()).getByRole('progressbar', { name: 'Premium requests left' })
    expect(bar.getAttribute('aria-valuemin')).toBe('0')
    expect(bar.getAttribute('aria-valuemax')).toBe('300')
    expect(bar.getAttribute('aria-valuenow')).toBe('300')
    expect(within(panel()).getByText(`Resets ${formatResetDate('2025-08-01')}`)).toBeTruthy()
    // github.com goes without saying.
    expect(within(panel()).queryByText('github.com')).toBeNull()
  })

  it('rounds a fractional quota and shows the bar at its level', async () => {
    await renderApp(
      withAccount({
        ...testAccount,
        quota: { ...testAccount.quota!, remaining: 12.345, percentRemaining: 4.115 },
      }),
    )
    expect(await screen.findByText('12.3 of 300 premium requests left')).toBeTruthy()
    const bar = screen.getByRole('progressbar', { name: 'Premium requests left' })
    expect(bar.getAttribute('aria-valuenow')).toBe('12.345')
    expect(bar.getAttribute('aria-valuetext')).toBe('12.3 of 300 premium requests left')
    expect(bar.hasAttribute('data-low')).toBe(true)
    expect(bar.querySelector<HTMLElement>('.quota-bar-fill')?.style.width).toBe('4.115%')
  })

  it('says unlimited without a bar', async () => {
    await renderApp(
      withAccount({
        ...testAccount,
        plan: 'enterprise',
        quota: { ...testAccount.quota!, unlimited: true, entitlement: 0, remaining: 0 },
      }),
    )
    expect(await screen.findByText('Unlimited premium requests')).toBeTruthy()
    expect(screen.getByText('Copilot Enterprise')).toBeTruthy()
    expect(screen.queryByRole('progressbar')).toBeNull()
    expect(screen.queryByText(/^Resets/)).toBeNull()
  })

  it('names the host when it is not github.com', async () => {
    await renderApp({
      'auth:get': () => ({ ...signedIn, host: 'acme.ghe.com' }),
      'account:get': () => ({ ...testAccount, host: 'acme.ghe.com', plan: 'mystery_plan' }),
    })
    expect(within(panel()).getByText('acme.ghe.com')).toBeTruthy()
    expect(await within(panel()).findByText('mystery_plan')).toBeTruthy()
  })

  it('quietly offers Retry when the plan cannot be loaded', async () => {
    let attempts = 0
    await renderApp({
      'account:get': () => {
        attempts++
        if (attempts === 1) throw new AppFailure({ kind: 'network', message: 'Offline.' })
        return testAccount
      },
    })
    expect(await screen.findByText('Plan unavailable')).toBeTruthy()
    expect(screen.queryByRole('alert')).toBeNull()
    expect(screen.getByRole('textbox', { name: 'Message' })).toBeTruthy()
    fireEvent.click(within(panel()).getByRole('button', { name: 'Retry' }))
    expect(await screen.findByText('Copilot Pro+')).toBeTruthy()
    expect(screen.queryByText('Plan unavailable')).toBeNull()
  })

  it('follows account:changed after an answer', async () => {
    const { core } = await renderApp()
    await screen.findByText('300 of 300 premium requests left')
    act(() =>
      core.hub.emit('account:changed', {
        ...testAccount,
        plan: null,
        quota: { ...testAccount.quota!, remaining: 299, percentRemaining: 99.67 },
      }),
    )
    expect(await screen.findByText('299 of 300 premium requests left')).toBeTruthy()
    // The quota headers carry no plan; the plan already known stays.
    expect(screen.getByText('Copilot Pro+')).toBeTruthy()
  })

  it('forgets the account on sign-out', async () => {
    const { core, stores } = await renderApp()
    await screen.findByText('Copilot Pro+')
    act(() => core.hub.emit('auth:changed', { kind: 'signed_out' }))
    await screen.findByRole('button', { name: 'Sign in with GitHub' })
    await waitFor(() => expect(stores.account.getState().account).toBeNull())
  })
})
