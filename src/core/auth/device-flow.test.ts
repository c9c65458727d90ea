import { describe, expect, it } from 'vitest'
import { createConsoleLog } from '../ports.ts'
import { createSteppingClock } from '../testing/fake-clock.ts'
import { defaultClientProfile } from './client-profile.ts'
import { runDeviceFlow, type DeviceFlowProgress } from './device-flow.ts'

type PollAnswer = Record<string, unknown> | 'network' | 500 | { form: string }

/**
 * GitHub's device-flow endpoints as an injected fetch: the code request succeeds, and each poll
 * gets the next scripted answer (HTTP 200 with an `error` field, as GitHub does, §1.3).
 */
function scriptedGithub(answers: PollAnswer[], code: Record<string, unknown> = {}) {
  const clock = createSteppingClock()
  const polls: number[] = []
  const fetch = async (url: string) => {
    if (url.endsWith('/login/device/code')) {
      return Response.json({
        device_code: 'dc',
        user_code: 'ABCD-1234',
        verification_uri: 'https://github.com/login/device',
        expires_in: 900,
        interval: 5,
        ...code,
      })
    }
    polls.push(clock.now())
    const answer = answers.shift() ?? { error: 'authorization_pending' }
    if (answer === 'network') throw new TypeError('fetch failed')
    if (answer === 500) return new Response('<html>oops</html>', { status: 500 })
    if ('form' in answer) {
      return new Response(answer.form as string, {
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      })
    }
    return Response.json(answer)
  }
  const progress: DeviceFlowProgress[] = []
  const run = () =>
    runDeviceFlow(
      { fetch, clock, log: quiet, githubUrl: 'https://github.com', profile: defaultClientProfile },
      new AbortController().signal,
      (p) => progress.push(p),
    )
  const started = clock.now()
  const gaps = () => polls.map((at, i) => at - (i === 0 ? started : (polls[i - 1] as number)))
  return { run, polls, gaps, progress, clock, started }
}

const quiet = { ...createConsoleLog('test'), warn: () => {}, info: () => {} }
const pending = { error: 'authorization_pending' }
const token = { access_token: 'gho_test', token_type: 'bearer', scope: 'read:user' }

describe('device flow (§1)', () => {
  it('waits the interval before the first poll and between polls', async () => {
    const github = scriptedGithub([pending, pending, token])
    await expect(github.run()).resolves.toBe('gho_test')
    expect(github.gaps()).toEqual([5000, 5000, 5000])
    expect(github.progress.map((p) => p.polling)).toEqual(['waiting'])
  })

  it('uses the interval slow_down returns, else adds 5 s, and never polls faster again', async () => {
    const github = scriptedGithub([
      { error: 'slow_down', interval: 10 },
      pending,
      { error: 'slow_down' },
      pending,
      token,
    ])
    await github.run()
    expect(github.gaps()).toEqual([5000, 10_000, 10_000, 15_000, 15_000])
    expect(github.progress.map((p) => [p.polling, p.intervalMs])).toEqual([
      ['waiting', 5000],
      ['slowed_down', 10_000],
      ['slowed_down', 15_000],
    ])
  })

  it('keeps polling through dropped connections and 5xx without losing the approval', async () => {
    const github = scriptedGithub(['network', 500, pending, token])
    await expect(github.run()).resolves.toBe('gho_test')
    // Backoff doubles on top of the interval and resets once GitHub answers again.
    expect(github.gaps()).toEqual([5000, 10_000, 15_000, 5000])
    expect(github.progress.map((p) => p.polling)).toEqual(['waiting', 'reconnecting', 'waiting'])
  })

  it('stops at expires_in with device_code_expired, polling no more', async () => {
    const github = scriptedGithub([], { expires_in: 12 })
    await expect(github.run()).rejects.toMatchObject({ error: { kind: 'device_code_expired' } })
    expect(github.polls.every((at) => at < github.started + 12_000)).toBe(true)
    expect(github.polls).toHaveLength(2)
  })

  it('says the code expired when GitHub says expired_token', async () => {
    const github = scriptedGithub([pending, { error: 'expired_token' }])
    await expect(github.run()).rejects.toMatchObject({ error: { kind: 'device_code_expired' } })
  })

  it('stops at once on access_denied', async () => {
    const github = scriptedGithub([{ error: 'access_denied' }, token])
    await expect(github.run()).rejects.toMatchObject({ error: { kind: 'access_denied' } })
    expect(github.polls).toHaveLength(1)
  })

  it.each([
    ['device_flow_disabled', /clientId/],
    ['incorrect_client_credentials', /clientId/],
    ['unsupported_grant_type', /grant type/],
  ])('explains %s and stops', async (error, message) => {
    const github = scriptedGithub([{ error }])
    await expect(github.run()).rejects.toMatchObject({
      error: { message: expect.stringMatching(message) },
    })
    expect(github.polls).toHaveLength(1)
  })

  it('reads form-encoded answers (no Accept: application/json honoured, §1.1)', async () => {
    const github = scriptedGithub([
      { form: 'error=authorization_pending' },
      { form: 'access_token=gho_form&token_type=bearer' },
    ])
    await expect(github.run()).resolves.toBe('gho_form')
  })
})
