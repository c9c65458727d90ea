import { describe, expect, it } from 'vitest'
import { createSteppingClock } from '../testing/fake-clock.ts'
import { defaultClientProfile } from './client-profile.ts'
import { exchangeCopilotToken } from './exchange-copilot-token.ts'

const minute = 60_000

async function exchange(envelope: Record<string, unknown>, headers: Record<string, string> = {}) {
  const clock = createSteppingClock()
  const fetch = async () => Response.json({ token: 'tid=fake-x', ...envelope }, { headers })
  const token = await exchangeCopilotToken(
    fetch,
    clock,
    'https://api.github.com',
    'gh',
    defaultClientProfile,
  )
  return { token, now: clock.now() }
}

describe('exchangeCopilotToken (§2)', () => {
  it('refreshes a minute before refresh_in runs out', async () => {
    const { token, now } = await exchange({ refresh_in: 1500, expires_at: 9_999_999_999 })
    expect(token.refreshAt - now).toBe(1440_000)
  })

  it('refreshes a short-lived token a quarter of its life early', async () => {
    const { token, now } = await exchange({ refresh_in: 20 })
    expect(token.refreshAt - now).toBe(15_000)
  })

  it('is not fooled by a local clock 30 minutes ahead of the server', async () => {
    const clock = createSteppingClock()
    const serverNow = clock.now() - 30 * minute
    const { token, now } = await exchange(
      { refresh_in: 1500, expires_at: Math.floor(serverNow / 1000) + 1800 },
      { Date: new Date(serverNow).toUTCString() },
    )
    expect(token.refreshAt - now).toBe(1440_000)
  })

  it('honours a dated expires_at that comes before refresh_in', async () => {
    const clock = createSteppingClock()
    const { token, now } = await exchange(
      { refresh_in: 1500, expires_at: Math.floor(clock.now() / 1000) + 20 },
      { Date: new Date(clock.now()).toUTCString() },
    )
    expect(token.refreshAt - now).toBe(15_000)
  })

  it('takes the Copilot base from endpoints.api, else from proxy-ep (§4.3)', async () => {
    const fromEndpoints = await exchange({
      refresh_in: 1500,
      endpoints: { api: 'https://api.business.githubcopilot.com/' },
    })
    expect(fromEndpoints.token.apiUrl).toBe('https://api.business.githubcopilot.com')
    const fromToken = await exchange({
      token: 'tid=fake;proxy-ep=proxy.enterprise.githubcopilot.com;st=dotcom:sig',
      refresh_in: 1500,
    })
    expect(fromToken.token.apiUrl).toBe('https://api.enterprise.githubcopilot.com')
  })
})
