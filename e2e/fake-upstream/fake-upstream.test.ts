import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { defaultAnswer, startFakeUpstream, type FakeUpstream, type Scenario } from './index.ts'
import {
  bodyReader,
  clientId,
  deviceGrant,
  exchange,
  identityHeaders,
  isBrokenUtf8,
  poll,
  postJson,
  readSse,
  requestCode,
  signIn,
  until,
  waitInterval,
  without,
  type Json,
} from './test-client.ts'

const leakedTokenPattern = /gh[oupsr]_[A-Za-z0-9]{20,}/
const leakedCopilotPattern = /tid=[0-9a-f]{16,}/

type Chunk = {
  choices: Array<{ finish_reason?: string; delta?: { content?: string | null } }>
  usage?: unknown
} & Json

const contentOf = (chunks: Chunk[]) =>
  chunks.map((chunk) => chunk.choices[0]?.delta?.content ?? '').join('')

describe('device flow', () => {
  let upstream: FakeUpstream
  const start = async (scenario: Partial<Scenario> = {}) => {
    upstream = await startFakeUpstream({ scenario: { deviceInterval: 1, ...scenario } })
  }
  afterEach(() => upstream.close())

  it('answers authorization_pending once, then issues a clearly fake GitHub token', async () => {
    await start()
    const code = await requestCode(upstream)
    expect(code).toMatchObject({
      verification_uri: `${upstream.githubUrl}/login/device`,
      expires_in: 900,
      interval: 1,
    })
    expect(code['user_code']).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/)
    expect(code['device_code']).toHaveLength(40)

    await waitInterval()
    expect(await poll(upstream, code['device_code'])).toMatchObject({
      error: 'authorization_pending',
      error_description: expect.any(String),
      error_uri: expect.any(String),
    })
    await waitInterval()
    const token = await poll(upstream, code['device_code'])
    expect(token).toMatchObject({ token_type: 'bearer', scope: 'read:user' })
    const accessToken = String(token['access_token'])
    expect(accessToken).toMatch(/^ghu_FAKE-/)
    expect(accessToken.length).toBeGreaterThanOrEqual(36)
    expect(accessToken).not.toMatch(leakedTokenPattern)

    const user = await fetch(`${upstream.githubApiUrl}/user`, {
      headers: { authorization: `token ${accessToken}` },
    })
    expect(await user.json()).toMatchObject({ login: 'octocat' })
  })

  it('answers slow_down with a raised interval when polled faster than the interval', async () => {
    await start()
    const code = await requestCode(upstream)
    expect(await poll(upstream, code['device_code'])).toMatchObject({
      error: 'slow_down',
      interval: 6,
    })
  })

  it('answers slow_down on the poll numbers the scenario lists', async () => {
    await start({ slowDownOnPolls: [1] })
    const code = await requestCode(upstream)
    await waitInterval()
    expect(await poll(upstream, code['device_code'])).toMatchObject({
      error: 'slow_down',
      interval: 6,
    })
  })

  it('answers form-encoded, errors included, without Accept: application/json', async () => {
    await start()
    const codeRes = await fetch(`${upstream.githubUrl}/login/device/code`, {
      method: 'POST',
      body: new URLSearchParams({ client_id: clientId, scope: 'read:user' }),
    })
    expect(codeRes.headers.get('content-type')).toContain('application/x-www-form-urlencoded')
    const code = new URLSearchParams(await codeRes.text())
    expect(code.get('interval')).toBe('1')

    const pollRes = await fetch(`${upstream.githubUrl}/login/oauth/access_token`, {
      method: 'POST',
      body: new URLSearchParams({
        client_id: clientId,
        device_code: code.get('device_code') ?? '',
        grant_type: deviceGrant,
      }),
    })
    expect(pollRes.status).toBe(200)
    expect(pollRes.headers.get('content-type')).toContain('application/x-www-form-urlencoded')
    expect(new URLSearchParams(await pollRes.text()).get('error')).toBe('slow_down')
  })

  it('refuses unknown clients, wrong grant types and unknown device codes', async () => {
    await start({ clientIds: ['Iv1.extra'] })
    const unknown = await postJson(`${upstream.githubUrl}/login/device/code`, {
      client_id: 'Iv1.nope',
    })
    expect(unknown.status).toBe(404)
    expect(
      await postJson(`${upstream.githubUrl}/login/device/code`, { client_id: 'Iv1.extra' }),
    ).toHaveProperty('status', 200)

    const code = await requestCode(upstream)
    expect(await poll(upstream, code['device_code'], { grant_type: 'password' })).toMatchObject({
      error: 'unsupported_grant_type',
    })
    expect(await poll(upstream, code['device_code'], { client_id: 'Iv1.nope' })).toMatchObject({
      error: 'incorrect_client_credentials',
    })
    expect(await poll(upstream, 'not-a-code')).toMatchObject({ error: 'incorrect_device_code' })
  })

  it('waits for the verification page or approve()/deny() when auto-approval is off', async () => {
    await start({ autoApproveAfterPolls: null })
    const first = await requestCode(upstream)
    const second = await requestCode(upstream)

    const page = await fetch(`${upstream.githubUrl}/login/device`)
    const html = await page.text()
    expect(html).toContain('name="user_code"')
    expect(html).toMatch(/<button[^>]*>Authorize<\/button>/)
    expect(html).toMatch(/<button[^>]*>Cancel<\/button>/)

    const typed = String(first['user_code']).replace('-', '').toLowerCase()
    const submitted = await fetch(`${upstream.githubUrl}/login/device`, {
      method: 'POST',
      body: new URLSearchParams({ user_code: typed, action: 'authorize' }),
    })
    expect(submitted.status).toBe(200)
    upstream.deny()
    expect(() => upstream.approve()).toThrow(/No pending device code/)

    await waitInterval()
    expect(await poll(upstream, first['device_code'])).toHaveProperty('access_token')
    expect(await poll(upstream, second['device_code'])).toMatchObject({ error: 'access_denied' })
    expect(upstream.events.map((event) => event.type)).toEqual(
      expect.arrayContaining(['device-approved', 'device-denied', 'github-token-issued']),
    )
  })

  it('expires device codes after expires_in and honours forced errors once', async () => {
    await start({ deviceExpiresIn: 1 })
    const expiring = await requestCode(upstream)
    await waitInterval()
    expect(await poll(upstream, expiring['device_code'])).toMatchObject({ error: 'expired_token' })

    upstream.setScenario({ deviceExpiresIn: 900, deviceError: 'device_flow_disabled' })
    const code = await requestCode(upstream)
    await waitInterval()
    expect(await poll(upstream, code['device_code'])).toMatchObject({
      error: 'device_flow_disabled',
    })
    expect(upstream.scenario.deviceError).toBeNull()
  })
})

describe('token exchange and GitHub REST', () => {
  let upstream: FakeUpstream
  let githubToken: string
  beforeAll(async () => {
    upstream = await startFakeUpstream({
      scenario: { deviceInterval: 1, autoApproveAfterPolls: 0 },
    })
    githubToken = await signIn(upstream)
  })
  afterAll(() => upstream.close())
  beforeEach(() => upstream.setScenario({ exchange: 'ok' }))

  it('demands a GitHub token this server issued', async () => {
    const url = `${upstream.githubApiUrl}/copilot_internal/v2/token`
    const missing = await fetch(url)
    expect(missing.status).toBe(401)
    const bogus = await fetch(url, {
      headers: { authorization: 'token ghu_FAKE-00000000-00000000-00000000' },
    })
    expect(bogus.status).toBe(401)
    expect(await bogus.json()).toMatchObject({
      message: 'Bad credentials',
      documentation_url: expect.any(String),
      status: '401',
    })
    const bearer = await fetch(url, { headers: { authorization: `Bearer ${githubToken}` } })
    expect(bearer.status).toBe(200)
  })

  it('returns a token envelope whose endpoints.api is the Copilot base', async () => {
    const before = Math.floor(Date.now() / 1000)
    const envelope = await exchange(upstream, githubToken)
    expect(envelope).toMatchObject({
      refresh_in: 1500,
      endpoints: { api: upstream.copilotUrl },
      chat_enabled: true,
    })
    expect(envelope['expires_at']).toBeGreaterThanOrEqual(before + 1799)
    expect(envelope['token']).toMatch(/^tid=fake-/)
    expect(envelope['token']).toContain(`exp=${envelope['expires_at']};`)
    expect(envelope['token']).not.toMatch(leakedCopilotPattern)
  })

  it('answers 403 with error_details when the account has no Copilot access', async () => {
    upstream.setScenario({ exchange: 'no_access' })
    const res = await fetch(`${upstream.githubApiUrl}/copilot_internal/v2/token`, {
      headers: { authorization: `token ${githubToken}` },
    })
    expect(res.status).toBe(403)
    expect(await res.json()).toMatchObject({
      error_details: {
        url: 'https://github.com/features/copilot/plans',
        notification_id: 'no_copilot_access',
      },
    })
  })

  it('serves the paid-plan copilot_internal/user shape', async () => {
    const res = await fetch(`${upstream.githubApiUrl}/copilot_internal/user`, {
      headers: { authorization: `token ${githubToken}` },
    })
    expect(await res.json()).toMatchObject({
      login: 'octocat',
      copilot_plan: 'individual_pro',
      quota_reset_date: expect.stringMatching(/^\d{4}-\d{2}-01$/),
      quota_snapshots: { premium_interactions: { entitlement: 300, unlimited: false } },
    })
  })
})

describe('Copilot API', () => {
  let upstream: FakeUpstream
  let githubToken: string
  let copilotToken: string
  const auth = () => ({ authorization: `Bearer ${copilotToken}`, ...identityHeaders })
  const chat = (body: Json, headers: Record<string, string> = auth(), signal?: AbortSignal) =>
    fetch(`${upstream.copilotUrl}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
      signal,
    })
  const hello = (extra: Json = {}) => ({
    model: 'gpt-4.1',
    stream: true,
    messages: [{ role: 'user', content: 'Hello' }],
    ...extra,
  })

  beforeAll(async () => {
    upstream = await startFakeUpstream({
      scenario: { deviceInterval: 1, autoApproveAfterPolls: 0 },
    })
    githubToken = await signIn(upstream)
    copilotToken = (await exchange(upstream, githubToken))['token']
  })
  afterAll(() => upstream.close())
  beforeEach(() =>
    upstream.setScenario({
      chunkDelayMs: 1,
      answer: defaultAnswer,
      omitDone: false,
      chatFault: null,
      dropAfterChunks: null,
      copilotTokenTtl: 1800,
    }),
  )

  it('lists models with the fields clients route on, junk included', async () => {
    const res = await fetch(`${upstream.copilotUrl}/models`, { headers: auth() })
    expect(res.status).toBe(200)
    const body = (await res.json()) as { data: Json[]; object: string }
    expect(body.object).toBe('list')
    const byId = new Map(body.data.map((model) => [model['id'], model]))
    expect(byId.get('gpt-4.1')).toMatchObject({
      is_chat_default: true,
      supported_endpoints: ['/chat/completions'],
      billing: { multiplier: 0 },
      capabilities: { type: 'chat', limits: { max_prompt_tokens: expect.any(Number) } },
    })
    expect(byId.get('gpt-5.4')).toMatchObject({
      supported_endpoints: ['/responses', 'ws:/responses'],
    })
    expect(byId.get('claude-sonnet-4.5')).toMatchObject({ vendor: 'Anthropic' })
    expect(byId.get('o3-mini')).toMatchObject({ model_picker_enabled: false })
    expect(byId.get('claude-opus-4.6')).toMatchObject({ policy: { state: 'disabled' } })
    expect(byId.get('text-embedding-3-small')).toMatchObject({
      capabilities: { type: 'embeddings' },
    })
    expect(body.data.some((model) => model['name'] === undefined)).toBe(true)
  })

  it('demands a live Copilot token and the editor identity headers', async () => {
    const unknown = await chat(hello(), { ...identityHeaders, authorization: 'Bearer nope' })
    expect(unknown.status).toBe(401)
    const githubAsBearer = await chat(hello(), {
      ...identityHeaders,
      authorization: `Bearer ${githubToken}`,
    })
    expect(githubAsBearer.status).toBe(401)

    const noEditor = await chat(hello(), without(auth(), 'editor-version'))
    expect(noEditor.status).toBe(400)
    expect(await noEditor.json()).toMatchObject({
      error: { message: 'bad request: missing Editor-Version header for IDE auth' },
    })

    expect((await chat(hello(), without(auth(), 'copilot-integration-id'))).status).toBe(403)

    upstream.setScenario({ copilotTokenTtl: 0 })
    const expired = (await exchange(upstream, githubToken))['token']
    const late = await chat(hello(), { ...auth(), authorization: `Bearer ${expired}` })
    expect(late.status).toBe(401)
    expect(await late.json()).toEqual({
      error: { message: 'unauthorized: token expired', code: 'unauthorized' },
    })
  })

  it('answers 466 for a retired API version and echoes request ids', async () => {
    const res = await fetch(`${upstream.copilotUrl}/models`, {
      headers: { ...auth(), 'x-github-api-version': '2023-07-07', 'x-request-id': 'req-1' },
    })
    expect(res.status).toBe(466)
    expect(await res.json()).toMatchObject({
      error: { message: expect.stringMatching(/^client not supported.*API version is no longer/) },
    })
    expect(res.headers.get('x-request-id')).toBe('req-1')
    expect(res.headers.get('x-github-request-id')).toBeTruthy()
  })

  it('streams with the Copilot quirks a parser must tolerate', async () => {
    const res = await chat(hello())
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/event-stream')
    expect(res.headers.get('x-quota-snapshot-premium_interactions')).toContain('ent=300')
    const { data, rawChunks, text } = await readSse(res)

    expect(data.at(-1)).toBe('[DONE]')
    const chunks = data.slice(0, -1).map((item) => JSON.parse(item) as Chunk)
    expect(chunks[0]).toMatchObject({ choices: [], id: '', created: 0 })
    expect(chunks[0]?.['prompt_filter_results']).toHaveLength(1)
    for (const chunk of chunks) {
      expect(chunk).not.toHaveProperty('object')
      expect(chunk).not.toHaveProperty('model')
    }
    const last = chunks.at(-1)
    expect(last?.choices[0]?.finish_reason).toBe('stop')
    expect(last?.usage).toMatchObject({ total_tokens: expect.any(Number) })
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === undefined)).toBe(true)
    expect(contentOf(chunks)).toBe(defaultAnswer)
    expect(text).toContain('\n: keep-alive\n')
    expect(rawChunks.some(isBrokenUtf8)).toBe(true)
    await until(() => upstream.events.some((event) => event.type === 'stream-finished'))
  })

  it('ends without [DONE] when omitDone is set, and echoes what follows echo:', async () => {
    upstream.setScenario({ omitDone: true })
    const res = await chat(hello({ messages: [{ role: 'user', content: 'please echo: ça va' }] }))
    const { data } = await readSse(res)
    expect(data).not.toContain('[DONE]')
    expect(contentOf(data.map((item) => JSON.parse(item) as Chunk))).toBe('ça va')
  })

  it('returns the chat.completion shape when not streaming', async () => {
    const res = await chat(
      hello({ stream: false, messages: [{ role: 'user', content: 'echo: hi' }] }),
    )
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({
      object: 'chat.completion',
      choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'hi' } }],
      usage: { prompt_tokens: expect.any(Number) },
    })
  })

  it('refuses models the route cannot serve and bodies without messages', async () => {
    const responsesOnly = await chat(hello({ model: 'gpt-5.4' }))
    expect(responsesOnly.status).toBe(400)
    expect(await responsesOnly.json()).toEqual({
      error: {
        message: 'model "gpt-5.4" is not accessible via the /chat/completions endpoint',
        code: 'unsupported_api_for_model',
      },
    })
    const unknown = await chat(hello({ model: 'gpt-9' }))
    expect(await unknown.json()).toMatchObject({ error: { code: 'model_not_supported' } })

    const disabled = await chat(hello({ model: 'claude-opus-4.6' }))
    expect(await disabled.json()).toMatchObject({ error: { code: 'model_not_supported' } })
    const enable = await fetch(`${upstream.copilotUrl}/models/claude-opus-4.6/policy`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: JSON.stringify({ state: 'enabled' }),
    })
    expect(enable.status).toBe(200)
    expect((await chat(hello({ model: 'claude-opus-4.6', stream: false }))).status).toBe(200)

    expect((await chat(hello({ messages: [] }))).status).toBe(400)
  })

  it('bills premium requests only for user-initiated turns', async () => {
    const before = upstream.scenario.premiumUsed
    await (await chat(hello({ model: 'claude-sonnet-4.5', stream: false }))).json()
    expect(upstream.scenario.premiumUsed).toBe(before + 1)
    const agentTurn = await chat(hello({ model: 'claude-sonnet-4.5', stream: false }), {
      ...auth(),
      'x-initiator': 'agent',
    })
    await agentTurn.json()
    expect(upstream.scenario.premiumUsed).toBe(before + 1)
  })

  it('answers a forced 429 with retry-after, for as many requests as asked', async () => {
    upstream.setScenario({ chatFault: { status: 429, retryAfter: 7, times: 1 } })
    const limited = await chat(hello())
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('7')
    expect(await limited.json()).toMatchObject({
      error: {
        message: expect.stringMatching(/^Sorry, you've hit a rate limit/),
        code: 'rate_limited',
        type: 'rate_limit_error',
      },
    })
    const next = await chat(hello({ stream: false }))
    expect(next.status).toBe(200)
  })

  it('records stream-aborted when the client goes away mid-stream', async () => {
    upstream.setScenario({ chunkDelayMs: 50 })
    const controller = new AbortController()
    const res = await chat(hello(), auth(), controller.signal)
    const reader = bodyReader(res)
    await reader.read()
    controller.abort()
    await until(() => upstream.events.some((event) => event.type === 'stream-aborted'))
  })

  it('destroys the socket after dropAfterChunks content chunks', async () => {
    upstream.setScenario({ dropAfterChunks: 2 })
    const res = await chat(hello())
    await expect(readSse(res)).rejects.toThrow()
    await until(() => upstream.events.some((event) => event.type === 'stream-dropped'))
  })
})

describe('control endpoint', () => {
  let upstream: FakeUpstream
  beforeAll(async () => {
    upstream = await startFakeUpstream()
  })
  afterAll(() => upstream.close())

  it('merges scenario patches, rejects unknown fields and lists requests', async () => {
    const ok = await postJson(`${upstream.url}/_control/scenario`, { chunkSize: 3 })
    expect(ok.status).toBe(200)
    expect(upstream.scenario.chunkSize).toBe(3)
    expect(upstream.scenario.deviceInterval).toBe(5)

    const typo = await postJson(`${upstream.url}/_control/scenario`, { chunkSise: 3 })
    expect(typo.status).toBe(400)

    expect((await postJson(`${upstream.url}/_control/approve`, {})).status).toBe(409)

    await fetch(`${upstream.githubApiUrl}/user`, { headers: { 'x-probe': 'yes' } })
    const requests = (await (await fetch(`${upstream.url}/_control/requests`)).json()) as Json[]
    expect(requests).toHaveLength(1)
    expect(requests[0]).toMatchObject({
      method: 'GET',
      path: '/api/user',
      headers: { 'x-probe': 'yes' },
    })

    const missing = await fetch(`${upstream.url}/elsewhere`)
    expect(missing.status).toBe(404)
    expect(await missing.json()).toEqual({ message: 'Not Found' })
  })
})
