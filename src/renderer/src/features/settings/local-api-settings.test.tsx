import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { testApiStatus } from '../../testing/fake-core.ts'
import { renderApp } from '../../testing/render-app.tsx'

afterEach(cleanup)

async function openSettings(overrides: Parameters<typeof renderApp>[0] = {}) {
  const app = await renderApp(overrides)
  fireEvent.click(await screen.findByRole('button', { name: 'Settings' }))
  const dialog = screen.getByRole('dialog', { name: 'Settings' })
  const section = await within(dialog).findByRole('region', { name: 'Local API' })
  return { ...app, section }
}

const running = {
  ...testApiStatus,
  enabled: true,
  url: 'http://127.0.0.1:4141',
}

describe('Settings → Local API', () => {
  it('is off by default and switches on, showing where it runs and how to set tools up', async () => {
    const { core, section } = await openSettings({ 'api:update': () => running })
    const toggle = within(section).getByRole('switch', { name: 'Local API server' })
    expect((toggle as HTMLInputElement).checked).toBe(false)
    expect(within(section).getByText('Off', { selector: '[role=status]' })).toBeTruthy()
    fireEvent.click(toggle)
    await waitFor(() => expect(core.callsTo('api:update')).toEqual([{ enabled: true }]))
    expect(await within(section).findByText('Running at http://127.0.0.1:4141')).toBeTruthy()
    const claude = within(section).getByText(/ANTHROPIC_BASE_URL=http:\/\/127\.0\.0\.1:4141/)
    expect(claude.textContent).toContain(`ANTHROPIC_AUTH_TOKEN=${testApiStatus.apiKey}`)
    expect(within(section).getByRole('button', { name: 'Copy curl setup' })).toBeTruthy()
  })

  it('keeps the key hidden until asked, copies it and regenerates it', async () => {
    const { core, section } = await openSettings()
    const key = within(section).getByLabelText('API key') as HTMLInputElement
    expect(key.type).toBe('password')
    fireEvent.click(within(section).getByRole('button', { name: 'Show key' }))
    expect(key.type).toBe('text')
    fireEvent.click(within(section).getByRole('button', { name: 'Copy API key' }))
    await waitFor(async () =>
      expect(await navigator.clipboard.readText()).toBe(testApiStatus.apiKey),
    )
    fireEvent.click(within(section).getByRole('button', { name: 'Regenerate key' }))
    await waitFor(() => expect(core.callsTo('api:regenerateKey')).toHaveLength(1))
    await waitFor(() => expect(key.value).toBe('logai-regenerated-key-0123456789'))
  })

  it('moves to another port and says why it could not start', async () => {
    const { core, section } = await openSettings({
      'api:update': ({ port }) => ({
        ...testApiStatus,
        enabled: true,
        port: port ?? 4141,
        problem: 'Port 8080 is already in use by another program. Choose another port.',
      }),
    })
    const port = within(section).getByRole('textbox', { name: 'Port' })
    fireEvent.change(port, { target: { value: '80800' } })
    expect(
      (within(section).getByRole('button', { name: 'Use port' }) as HTMLButtonElement).disabled,
    ).toBe(true)
    fireEvent.change(port, { target: { value: '8080' } })
    fireEvent.click(within(section).getByRole('button', { name: 'Use port' }))
    await waitFor(() => expect(core.callsTo('api:update')).toEqual([{ port: 8080 }]))
    expect((await within(section).findByRole('alert')).textContent).toContain('already in use')
  })

  it('lists requests with totals per day, and new ones as they arrive', async () => {
    const request = {
      at: Date.UTC(2026, 10, 22, 9, 30),
      durationMs: 812.4,
      client: 'claude-cli/2.0',
      endpoint: '/v1/messages',
      model: 'claude-sonnet-4.5',
      upstream: '/v1/messages',
      stream: true,
      status: 200,
      inputTokens: 1200,
      outputTokens: 80,
    }
    const { core, section } = await openSettings({
      'api:requests': () => ({
        recent: [request],
        days: [{ day: '2026-11-22', requests: 1, inputTokens: 1200, outputTokens: 80, errors: 0 }],
      }),
    })
    const days = await within(section).findByRole('table', { name: 'Local API requests per day' })
    expect(within(days).getByRole('rowheader', { name: '2026-11-22' })).toBeTruthy()
    const recent = within(section).getByRole('table', { name: 'Recent local API requests' })
    expect(within(recent).getByText('claude-cli/2.0')).toBeTruthy()
    expect(within(recent).getByText('812 ms')).toBeTruthy()
    act(() => core.hub.emit('api:requested', { ...request, client: 'curl/8.5', status: 429 }))
    expect(await within(recent).findByText('curl/8.5')).toBeTruthy()
  })
})
