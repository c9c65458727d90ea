import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startFakeUpstream, type FakeUpstream } from '../../e2e/fake-upstream/index.ts'
import { maxSessionPageSize } from '../shared/contract.ts'
import { defaultClientProfile } from './auth/client-profile.ts'
import {
  ask as askCore,
  createTestCore,
  isTitleRequest,
  signInThroughDeviceFlow,
  type TestCore,
} from './testing/test-core.ts'

let fake: FakeUpstream
let t: TestCore

beforeEach(async () => {
  fake = await startFakeUpstream({ scenario: { deviceInterval: 1, chunkDelayMs: 1 } })
  t = createTestCore({ githubUrl: fake.githubUrl, githubApiUrl: fake.githubApiUrl })
  await t.core.ready
})

afterEach(async () => {
  await t.close()
  await fake.close()
})

/** How many Copilot token exchanges the fake has answered. */
const exchanges = () => fake.requests.filter((r) => r.path.includes('/v2/token')).length

/** Sends a prompt and follows the streamed answer until it ends. */
const ask = (text: string, modelId = 'gpt-4.1', sessionId: string | null = null) =>
  askCore(t, text, modelId, sessionId)

describe('sign-in', () => {
  it('walks the device flow to a signed-in account, without leaking tokens', async () => {
    const states: string[] = []
    t.client.on('auth:changed', (s) => states.push(s.kind))
    const state = await signInThroughDeviceFlow(t)
    expect(state).toMatchObject({ kind: 'signed_in', login: 'octocat', storage: 'memory' })
    expect(states).toEqual(['requesting_code', 'awaiting_user', 'completing', 'signed_in'])
    // The device flow waited the interval before polling and never polled faster.
    const polls = fake.requests.filter((r) => r.path === '/github/login/oauth/access_token')
    expect(polls.length).toBeGreaterThanOrEqual(2)
    for (let i = 1; i < polls.length; i++) {
      expect(polls[i]!.at - polls[i - 1]!.at).toBeGreaterThanOrEqual(950)
    }
    expect(t.log.lines.join('\n')).not.toMatch(/ghu_|tid=/)
  })

  it('says the code expired when GitHub says so', async () => {
    fake.setScenario({ deviceError: 'expired_token' })
    const state = await signInThroughDeviceFlow(t)
    expect(state).toMatchObject({ kind: 'signed_out', error: { kind: 'device_code_expired' } })
  })

  it('names the config key when the client id is refused', async () => {
    fake.setScenario({ deviceError: 'incorrect_client_credentials' })
    const state = await signInThroughDeviceFlow(t)
    expect(state.kind === 'signed_out' && state.error?.message).toMatch(/clientId/)
  })

  it('reports no Copilot access with the reason and a link', async () => {
    fake.setScenario({ exchange: 'no_access' })
    const state = await signInThroughDeviceFlow(t)
    expect(state).toMatchObject({
      kind: 'signed_out',
      error: { kind: 'no_copilot_access', url: expect.stringMatching(/^https:/) },
    })
  })

  it('refuses chat before sign-in without writing a session', async () => {
    const sent = await t.client.request('chat:send', {
      sessionId: null,
      modelId: 'gpt-4.1',
      text: 'hi',
    })
    expect(sent).toMatchObject({ ok: false, error: { kind: 'unauthorized' } })
    expect(await t.client.request('sessions:listPage', { limit: maxSessionPageSize })).toEqual({
      ok: true,
      value: { sessions: [], next: null, total: 0 },
    })
  })
})

describe('direct mode (§2.5)', () => {
  it('sends the GitHub token as bearer to LOGAI_COPILOT_API_URL, with no exchange', async () => {
    fake.setScenario({ acceptGithubTokens: true, autoApproveAfterPolls: 0 })
    const direct = createTestCore({
      githubUrl: fake.githubUrl,
      githubApiUrl: fake.githubApiUrl,
      copilotApiUrl: fake.copilotUrl,
      profile: { ...defaultClientProfile, authMode: 'direct' },
    })
    try {
      expect((await signInThroughDeviceFlow(direct)).kind).toBe('signed_in')
      const listed = await direct.client.request('models:list')
      expect(listed.ok).toBe(true)
      expect(fake.requests.some((r) => r.path.includes('/v2/token'))).toBe(false)
    } finally {
      await direct.close()
    }
  })
})

describe('models and chat', () => {
  beforeEach(async () => {
    // Approve on the first poll: these tests are about what happens after sign-in.
    fake.setScenario({ autoApproveAfterPolls: 0 })
    await signInThroughDeviceFlow(t)
  })

  it('lists every picker chat model with its availability, and remembers the choice', async () => {
    const listed = await t.client.request('models:list')
    if (!listed.ok) throw new Error(listed.error.message)
    const byId = new Map(listed.value.models.map((m) => [m.id, m]))
    for (const id of ['gpt-4.1', 'claude-sonnet-4.5', 'gemini-2.5-pro', 'gpt-5.4']) {
      expect(byId.get(id)?.availability).toEqual({ state: 'ready' })
    }
    expect(byId.get('claude-opus-4.6')?.availability.state).toBe('needs_enable') // §10.1
    expect(byId.get('grok-code-fast-1')?.availability.state).toBe('restricted') // restricted_to
    expect(byId.has('o3-mini')).toBe(false) // model_picker_enabled: false
    expect(byId.has('text-embedding-3-small')).toBe(false) // not a chat model
    // Nothing picked yet: the model the service marks as chat default (§6.1).
    expect(listed.value.selectedId).toBe('gpt-4.1')
    await t.client.request('models:select', { modelId: 'claude-sonnet-4.5' })
    const again = await t.client.request('models:list')
    expect(again.ok && again.value.selectedId).toBe('claude-sonnet-4.5')
  })

  it('calls the Copilot API at endpoints.api with the demanded headers', async () => {
    await t.client.request('models:list')
    const models = fake.requests.find((r) => r.path === '/copilot/models')
    expect(models?.headers).toMatchObject({
      authorization: expect.stringMatching(/^Bearer /),
      'editor-version': expect.any(String),
      'copilot-integration-id': 'vscode-chat',
      'openai-intent': 'model-access',
    })
  })

  it('streams an answer whole across split multi-byte characters and stores it', async () => {
    const { sent, streamed, end } = await ask('Hello')
    expect(end.error).toBeUndefined()
    expect(streamed).toBe(fake.scenario.answer)
    expect(end.message).toMatchObject({ status: 'complete', content: fake.scenario.answer })
    const chat = fake.requests.find((r) => r.path === '/copilot/chat/completions')
    expect(chat?.headers['x-initiator']).toBe('user')
    const session = await t.client.request('sessions:get', { id: sent.sessionId })
    expect(session.ok && session.value.messages.map((m) => [m.role, m.content])).toEqual([
      ['user', 'Hello'],
      ['assistant', fake.scenario.answer],
    ])
  })

  it('finishes a stream that ends without [DONE]', async () => {
    fake.setScenario({ omitDone: true })
    const { end } = await ask('echo: no done marker')
    expect(end.message).toMatchObject({ status: 'complete', content: 'no done marker' })
  })

  it('sends the conversation so far with a follow-up', async () => {
    const first = await ask('echo: one')
    await ask('echo: two', 'gpt-4.1', first.sent.sessionId)
    const last = fake.requests
      .filter((r) => r.path === '/copilot/chat/completions' && !isTitleRequest(r.body))
      .at(-1)
    expect((last?.body as { messages: unknown[] }).messages).toEqual([
      { role: 'user', content: 'echo: one' },
      { role: 'assistant', content: 'one' },
      { role: 'user', content: 'echo: two' },
    ])
    const list = await t.client.request('sessions:listPage', { limit: maxSessionPageSize })
    expect(list.ok && list.value.sessions).toHaveLength(1)
  })

  it('lists sessions newest first', async () => {
    const older = await ask('echo: older')
    const newer = await ask('echo: newer')
    const list = await t.client.request('sessions:listPage', { limit: maxSessionPageSize })
    expect(list.ok && list.value.sessions.map((s) => s.id)).toEqual([
      newer.sent.sessionId,
      older.sent.sessionId,
    ])
  })

  it('reads the plan and quota, and updates the quota from answer headers (§3, §11.3)', async () => {
    const account = await t.client.request('account:get')
    if (!account.ok) throw new Error(account.error.message)
    expect(account.value).toMatchObject({
      login: 'octocat',
      plan: 'individual_pro',
      quota: { id: 'premium_interactions', unlimited: false, entitlement: 300 },
      resetDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}/),
    })
    const before = account.value.quota?.remaining ?? 0
    const changed = t.next('account:changed')
    await ask('echo: spend one premium request', 'claude-sonnet-4.5')
    const after = await changed
    expect(after.quota?.remaining).toBeLessThan(before)
  })

  it('keeps every token out of files, logs and what the renderer receives', async () => {
    await ask('echo: hello')
    await t.client.request('account:get')
    const secrets = new Set<string>()
    for (const request of fake.requests) {
      const value = request.headers.authorization?.replace(/^(token|Bearer) /, '')
      if (value) secrets.add(value)
    }
    expect(secrets.size).toBeGreaterThanOrEqual(2) // the GitHub token and a Copilot token
    const seen = [
      t.log.lines.join('\n'),
      JSON.stringify(t.frames),
      ...readdirSync(t.dataDir).map((file) => readFileSync(join(t.dataDir, file), 'latin1')),
    ].join('\n')
    for (const secret of secrets) expect(seen).not.toContain(secret)
  })

  it('re-checks the Copilot token against the clock and exchanges a new one', async () => {
    await t.client.request('auth:signOut')
    fake.setScenario({ copilotTokenTtl: 0, refreshIn: 0 })
    await signInThroughDeviceFlow(t) // holds an already-expired token now
    fake.setScenario({ copilotTokenTtl: 1800, refreshIn: 1500 })
    const before = exchanges()
    const { end } = await ask('echo: after refresh')
    expect(end.message.status).toBe('complete')
    expect(exchanges()).toBe(before + 1)
  })

  it('shares one exchange among 50 concurrent requests with an expired token', async () => {
    await t.client.request('auth:signOut')
    fake.setScenario({ copilotTokenTtl: 0, refreshIn: 0 })
    await signInThroughDeviceFlow(t)
    fake.setScenario({ copilotTokenTtl: 1800, refreshIn: 1500 })
    const before = exchanges()
    const results = await Promise.all(
      Array.from({ length: 50 }, () => t.client.request('models:list')),
    )
    expect(results.every((r) => r.ok)).toBe(true)
    expect(exchanges()).toBe(before + 1)
  })

  it('signs out with the reason when GitHub no longer accepts the token', async () => {
    await t.client.request('auth:signOut')
    fake.setScenario({ copilotTokenTtl: 0, refreshIn: 0 })
    await signInThroughDeviceFlow(t)
    fake.setScenario({ exchange: 'unauthorized' })
    const signedOut = t.next('auth:changed', (s) => s.kind === 'signed_out')
    const listed = await t.client.request('models:list')
    expect(listed).toMatchObject({ ok: false, error: { kind: 'unauthorized' } })
    expect(await signedOut).toMatchObject({ error: { kind: 'unauthorized' } })
  })

  /** Starts a long answer and waits for its first delta; resolves with its stream id. */
  async function startLongAnswer() {
    fake.setScenario({ answer: 'x'.repeat(5000), chunkSize: 10, chunkDelayMs: 10 })
    const sent = await t.client.request('chat:send', {
      sessionId: null,
      modelId: 'gpt-4.1',
      text: 'go',
    })
    if (!sent.ok) throw new Error(sent.error.message)
    await t.next('chat:delta')
    return sent.value.streamId
  }

  it('answers a 401 with one refresh and one retry, unseen by the person', async () => {
    const before = exchanges()
    fake.setScenario({ rejectCopilotRequests: 1 })
    const { end } = await ask('echo: still fine')
    expect(end.message).toMatchObject({ status: 'complete', content: 'still fine' })
    expect(exchanges()).toBe(before + 1)
  })

  it('moves to "Sign in again" after a second 401, without a loop', async () => {
    fake.setScenario({ rejectCopilotRequests: 5 })
    const signedOut = t.next('auth:changed', (s) => s.kind === 'signed_out')
    const listed = await t.client.request('models:list')
    expect(listed).toMatchObject({ ok: false, error: { kind: 'unauthorized' } })
    expect(await signedOut).toMatchObject({
      error: { message: expect.stringMatching(/Sign in again/) },
    })
    const copilotCalls = fake.requests.filter((r) => r.path === '/copilot/models')
    expect(copilotCalls).toHaveLength(2)
  })

  it('renews the Copilot token in the background before it runs out', async () => {
    await t.client.request('auth:signOut')
    fake.setScenario({ refreshIn: 4 }) // refreshed a quarter of its life early: after 3 s
    await signInThroughDeviceFlow(t)
    const before = exchanges()
    await expect.poll(exchanges, { timeout: 6_000 }).toBe(before + 1)
  })

  it('renews a stale token as soon as the computer wakes up', async () => {
    const before = exchanges()
    t.clock.advance(2 * 3600_000)
    t.core.resume()
    await expect.poll(exchanges).toBe(before + 1)
  })

  it('needs no sign-in after a two-hour sleep: the next request exchanges a fresh token', async () => {
    const before = exchanges()
    t.clock.advance(2 * 3600_000)
    const { end } = await ask('echo: good morning')
    expect(end.message.status).toBe('complete')
    expect(exchanges()).toBe(before + 1)
  })

  it('stops a running answer when the account signs out', async () => {
    await startLongAnswer()
    const done = t.next('chat:done')
    await t.client.request('auth:signOut')
    expect((await done).message.status).toBe('stopped')
    await expect.poll(() => fake.events.some((e) => e.type === 'stream-aborted')).toBe(true)
  })

  it('stops a stream on request and keeps the partial answer', async () => {
    const streamId = await startLongAnswer()
    const done = t.next('chat:done')
    await t.client.request('chat:stop', { streamId })
    const { message } = await done
    expect(message.status).toBe('stopped')
    expect(message.content.length).toBeGreaterThan(0)
    expect(message.content.length).toBeLessThan(5000)
    await expect.poll(() => fake.events.some((e) => e.type === 'stream-aborted')).toBe(true)
  })

  it('maps a 429 to rate_limited with the wait from Retry-After', async () => {
    fake.setScenario({ chatFault: { status: 429, retryAfter: 30 } })
    const { end } = await ask('hi')
    expect(end.error).toMatchObject({ kind: 'rate_limited', retryAfterMs: 30_000 })
    expect(end.message.status).toBe('failed')
  })

  it('keeps the partial answer when the connection drops mid-stream', async () => {
    fake.setScenario({ dropAfterChunks: 2 })
    const { end } = await ask('hi')
    expect(end.error).toMatchObject({ kind: 'network' })
    expect(end.message.status).toBe('failed')
    expect(end.message.content.length).toBeGreaterThan(0)
  })

  it('names the config key when the API version is retired (466)', async () => {
    fake.setScenario({ retiredApiVersions: ['2025-05-01'] })
    const listed = await t.client.request('models:list')
    expect(listed.ok).toBe(false)
    expect(!listed.ok && listed.error.message).toMatch(/copilotApiVersion/)
  })
})
