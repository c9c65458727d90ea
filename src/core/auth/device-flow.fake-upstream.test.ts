import { afterEach, describe, expect, it } from 'vitest'
import type { AuthState } from '../../shared/contract.ts'
import {
  startFakeUpstream,
  type FakeUpstream,
  type Scenario,
} from '../../../e2e/fake-upstream/index.ts'
import { createSteppingClock } from '../testing/fake-clock.ts'
import { createTestCore, signInThroughDeviceFlow, type TestCore } from '../testing/test-core.ts'

/**
 * Every device-flow state against the fake upstream, with one stepping clock shared by the core
 * and the fake: the fake enforces the poll interval and expiry on that clock, so 15-minute flows
 * run in milliseconds and a poll that came too early would still be answered `slow_down`.
 */
let fake: FakeUpstream | undefined
let t: TestCore | undefined

afterEach(async () => {
  await t?.close()
  await fake?.close()
})

async function signIn(scenario: Partial<Scenario>) {
  const clock = createSteppingClock()
  fake = await startFakeUpstream({ now: clock.now, scenario: { deviceInterval: 5, ...scenario } })
  t = createTestCore({ githubUrl: fake.githubUrl, githubApiUrl: fake.githubApiUrl, clock })
  const states: AuthState[] = []
  t.client.on('auth:changed', (state) => states.push(state))
  const started = clock.now()
  const final = await signInThroughDeviceFlow(t)
  const polls = fake.requests.filter((r) => r.path === '/github/login/oauth/access_token')
  const codeAt = fake.requests.find((r) => r.path === '/github/login/device/code')?.at ?? started
  const gaps = polls.map((poll, i) => poll.at - (i === 0 ? codeAt : (polls[i - 1]?.at ?? 0)))
  const polling = states.flatMap((s) => (s.kind === 'awaiting_user' ? [s.polling] : []))
  return { final, polls, gaps, polling, fake }
}

describe('device flow against the fake upstream (stepping clock)', () => {
  it('waits the interval before each poll and signs in', async () => {
    const run = await signIn({ autoApproveAfterPolls: 2 })
    expect(run.final).toMatchObject({ kind: 'signed_in', login: 'octocat' })
    expect(run.gaps).toEqual([5000, 5000, 5000])
  })

  it('slows down when GitHub says slow_down, by at least 5 s each time', async () => {
    const run = await signIn({ slowDownOnPolls: [1, 3], autoApproveAfterPolls: 4 })
    expect(run.final.kind).toBe('signed_in')
    expect(run.gaps).toEqual([5000, 10_000, 10_000, 15_000, 15_000])
    expect(run.polling).toContain('slowed_down')
  })

  it('keeps polling through a 502 and a dropped connection, and still signs in', async () => {
    const run = await signIn({ pollFaults: ['server_error', 'drop'], autoApproveAfterPolls: 1 })
    expect(run.final.kind).toBe('signed_in')
    expect(run.polling).toEqual(['waiting', 'reconnecting', 'waiting'])
    for (const gap of run.gaps) expect(gap).toBeGreaterThanOrEqual(5000)
  })

  it('stops at expires_in with "the code expired"', async () => {
    const run = await signIn({ autoApproveAfterPolls: null, deviceExpiresIn: 30 })
    expect(run.final).toMatchObject({ kind: 'signed_out', error: { kind: 'device_code_expired' } })
    const lastPoll = run.polls.at(-1)?.at ?? 0
    expect(lastPoll - (run.polls[0]?.at ?? 0)).toBeLessThan(30_000)
  })

  it('stops at once when the person declines on GitHub', async () => {
    const run = await signIn({ deviceError: 'access_denied' })
    expect(run.final).toMatchObject({ kind: 'signed_out', error: { kind: 'access_denied' } })
    expect(run.polls).toHaveLength(1)
  })

  it('names the setting to fix when GitHub refuses the client', async () => {
    const run = await signIn({ deviceError: 'incorrect_client_credentials' })
    expect(run.final).toMatchObject({
      kind: 'signed_out',
      error: { message: expect.stringMatching(/clientId/) },
    })
  })

  it('reports no Copilot access after GitHub approved', async () => {
    const run = await signIn({ exchange: 'no_access' })
    expect(run.final).toMatchObject({ kind: 'signed_out', error: { kind: 'no_copilot_access' } })
  })
})
