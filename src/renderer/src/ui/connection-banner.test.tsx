import { act, cleanup, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { renderApp } from '../testing/render-app.tsx'

afterEach(cleanup)

describe('connection banner', () => {
  it('says the connection is lost and offers a reload, leaving the window in place', async () => {
    const { stores } = await renderApp()
    expect(screen.queryByText(/Lost the connection/)).toBeNull()
    act(() => stores.notices.getState().markConnectionLost())
    const banner = screen.getByRole('alert')
    expect(banner.textContent).toContain('Lost the connection to LogAI. Reload to reconnect.')
    expect(within(banner).getByRole('button', { name: 'Reload' })).toBeTruthy()
    expect(screen.getByRole('textbox', { name: 'Message' })).toBeTruthy()
  })
})

describe('settings file banner', () => {
  it('says what is wrong with config.json until dismissed', async () => {
    const problem =
      '/home/me/.config/logai/config.json: "clientProfile.authMode" is invalid; using defaults.'
    await renderApp({
      'app:status': () => ({ configProblem: problem, enterpriseHost: null, storageProblem: null }),
    })
    const banner = await screen.findByRole('alert')
    expect(banner.textContent).toContain('clientProfile.authMode')
    act(() => within(banner).getByRole('button', { name: 'Dismiss' }).click())
    expect(screen.queryByRole('alert')).toBeNull()
  })
})

describe('history file banner', () => {
  it('says where a damaged history file went until dismissed, over the signed-in window', async () => {
    const problem =
      'LogAI’s history file could not be read (it is damaged). It was moved to ' +
      '/home/me/.local/share/logai/logai.db.corrupt-2026-11-22T11-50-00-000Z, and LogAI started a new, empty history.'
    await renderApp({
      'app:status': () => ({ configProblem: null, enterpriseHost: null, storageProblem: problem }),
    })
    const banner = await screen.findByRole('alert')
    expect(banner.textContent).toContain('logai.db.corrupt-2026-11-22T11-50-00-000Z')
    expect(screen.getByRole('navigation', { name: 'Sessions' })).toBeTruthy()
    act(() => within(banner).getByRole('button', { name: 'Dismiss' }).click())
    expect(screen.queryByRole('alert')).toBeNull()
  })
})
