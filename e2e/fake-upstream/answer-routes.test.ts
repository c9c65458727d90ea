import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { defaultAnswer, type FakeEvent } from './index.ts'
import {
  bodyReader,
  isBrokenUtf8,
  jsonEvents,
  readSse,
  readSseSettled,
  routeCases,
  startSignedIn,
  until,
  usesOnlyCrlf,
  type Json,
  type SignedInFake,
} from './test-client.ts'

// What every answer route shares: the stream mechanics (split characters, line endings, pacing,
// the close log) and the scenario's faults, each proven on all three routes.
describe.each(routeCases)('$route', (routeCase) => {
  let fake: SignedInFake
  const send = (text = 'Hello', extra: Json = {}, headers?: Record<string, string>) =>
    fake.post(routeCase.route, routeCase.body(text, extra), headers)
  const closeOf = (requestId: string | null): FakeEvent | undefined =>
    fake.upstream.events.find(
      (event) => event.type === 'stream-closed' && event.requestId === requestId,
    )

  beforeAll(async () => {
    fake = await startSignedIn()
  })
  afterAll(() => fake.upstream.close())
  beforeEach(() =>
    fake.upstream.setScenario({
      chunkDelayMs: 1,
      chunkSize: 12,
      lineEnding: 'lf',
      chatFault: null,
      dropAfterChunks: null,
      midStreamError: null,
      rejectCopilotRequests: 0,
    }),
  )

  it('streams the answer with a character split across reads and logs start and close', async () => {
    const res = await send()
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/event-stream')
    expect(res.headers.get('x-quota-snapshot-premium_interactions')).toContain('ent=300')
    const { events, rawChunks, text } = await readSse(res)

    expect(routeCase.answerText(jsonEvents(events))).toBe(defaultAnswer)
    expect(routeCase.ending(jsonEvents(events))).toEqual({ completed: true, failure: undefined })
    // A multi-byte character arrives in two reads; only a streaming decoder keeps it whole.
    expect(rawChunks.some(isBrokenUtf8)).toBe(true)
    expect(text).not.toContain('\r')

    const requestId = res.headers.get('x-request-id')
    await until(() => closeOf(requestId) !== undefined)
    const started = fake.upstream.events.find(
      (event) => event.type === 'stream-started' && event.requestId === requestId,
    )
    expect(started).toMatchObject({ route: routeCase.route })
    expect(closeOf(requestId)).toMatchObject({ route: routeCase.route, reason: 'complete' })
    expect(closeOf(requestId)?.at).toBeGreaterThanOrEqual(started?.at ?? Infinity)
  })

  it('ends every line with CRLF when lineEnding is crlf, and the answer still parses', async () => {
    fake.upstream.setScenario({ lineEnding: 'crlf' })
    const { events, text } = await readSse(await send('echo: ça marche'))
    expect(usesOnlyCrlf(text)).toBe(true)
    expect(routeCase.answerText(jsonEvents(events))).toBe('ça marche')
    expect(routeCase.ending(jsonEvents(events)).completed).toBe(true)
  })

  it('paces every event by chunkDelayMs (a slow stream)', async () => {
    fake.upstream.setScenario({ chunkDelayMs: 40, chunkSize: 2 })
    const startedAt = Date.now()
    const { events } = await readSse(await send('echo: abcdef'))
    const elapsed = Date.now() - startedAt
    expect(routeCase.answerText(jsonEvents(events))).toBe('abcdef')
    expect(elapsed).toBeGreaterThanOrEqual(events.length * 40 - 20)
  })

  it('answers a forced 429 with retry-after in its own envelope, as many times as asked', async () => {
    fake.upstream.setScenario({ chatFault: { status: 429, retryAfter: 7, times: 1 } })
    const limited = await send()
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('7')
    expect(limited.headers.get('x-ratelimit-exceeded')).toBe('user_global_rate_limited')
    const error = routeCase.errorOf((await limited.json()) as Json)
    expect(error.message).toMatch(/^Sorry, you've hit a rate limit/)
    expect(error.kind).toBe(
      routeCase.route === '/v1/messages' ? 'rate_limit_error' : 'rate_limited',
    )

    const next = await send()
    expect(next.status).toBe(200)
    await readSse(next)
  })

  it('answers forced 5xx, 402 and context-too-long 400 faults', async () => {
    const anthropic = routeCase.route === '/v1/messages'
    const expectFault = async (status: number, kind: string, anthropicKind: string) => {
      fake.upstream.setScenario({ chatFault: { status, times: 1 } })
      const res = await send()
      expect(res.status).toBe(status)
      const error = routeCase.errorOf((await res.json()) as Json)
      expect(error.kind).toBe(anthropic ? anthropicKind : kind)
      return error
    }
    await expectFault(500, 'server_error', 'api_error')
    await expectFault(503, 'server_error', 'overloaded_error')
    const quota = await expectFault(402, 'quota_exceeded', 'billing_error')
    expect(quota.message).toMatch(/premium request allowance/)
    const tooLong = await expectFault(
      400,
      'model_max_prompt_tokens_exceeded',
      'invalid_request_error',
    )
    expect(tooLong.message).toMatch(/^prompt token count of \d+ exceeds the limit of \d+$/)
  })

  it("refuses a prompt over the model's max_prompt_tokens", async () => {
    const models = (await (
      await fetch(`${fake.upstream.copilotUrl}/models`, { headers: fake.auth() })
    ).json()) as { data: Json[] }
    const entry = models.data.find((model) => model['id'] === routeCase.model) ?? {}
    const limit = (entry['capabilities'] as { limits: { max_prompt_tokens: number } }).limits
      .max_prompt_tokens
    const res = await send('x'.repeat(limit * 4 + 400))
    expect(res.status).toBe(400)
    const error = routeCase.errorOf((await res.json()) as Json)
    expect(error.message).toMatch(new RegExp(`exceeds the limit of ${limit}$`))
  })

  it('fails inside the stream after midStreamError.afterChunks text chunks', async () => {
    fake.upstream.setScenario({
      chunkSize: 2,
      midStreamError: { afterChunks: 2, message: 'upstream model overloaded' },
    })
    const res = await send('echo: abcdefgh')
    expect(res.status).toBe(200)
    const events = jsonEvents((await readSse(res)).events)
    expect(routeCase.answerText(events)).toBe('abcd')
    expect(routeCase.ending(events)).toEqual({
      completed: false,
      failure: 'upstream model overloaded',
    })
    await until(() => closeOf(res.headers.get('x-request-id'))?.reason === 'complete')
  })

  it('cuts the socket after dropAfterChunks text chunks and logs the close as dropped', async () => {
    fake.upstream.setScenario({ chunkSize: 2, dropAfterChunks: 2 })
    const res = await send('echo: abcdefgh')
    const read = await readSseSettled(res)
    expect(read.error).toBeDefined()
    expect(routeCase.answerText(jsonEvents(read.events))).toBe('abcd')
    expect(routeCase.ending(jsonEvents(read.events)).completed).toBe(false)
    const requestId = res.headers.get('x-request-id')
    await until(() => closeOf(requestId) !== undefined)
    expect(closeOf(requestId)).toMatchObject({ reason: 'dropped', route: routeCase.route })
  })

  it('logs client_aborted when the client stops mid-stream, right when it stops', async () => {
    fake.upstream.setScenario({ chunkDelayMs: 300 })
    const controller = new AbortController()
    const res = await fake.post(
      routeCase.route,
      routeCase.body('Hello'),
      fake.auth(),
      controller.signal,
    )
    await bodyReader(res).read()
    const stoppedAt = Date.now()
    controller.abort()
    const requestId = res.headers.get('x-request-id')
    await until(() => closeOf(requestId) !== undefined)
    const closed = closeOf(requestId)
    expect(closed).toMatchObject({ reason: 'client_aborted', route: routeCase.route })
    // Well before the next 300 ms tick: the fake notices the close itself, not on its next write.
    expect((closed?.at ?? Infinity) - stoppedAt).toBeLessThan(150)
    expect(fake.upstream.events.some((e) => e.type === 'stream-aborted')).toBe(true)
  })

  it('passes the Copilot gate: a forced 401 once, then the answer', async () => {
    fake.upstream.setScenario({ rejectCopilotRequests: 1 })
    const rejected = await send()
    expect(rejected.status).toBe(401)
    const error = routeCase.errorOf((await rejected.json()) as Json)
    expect(error.message).toBe('unauthorized: token expired')
    const again = await send()
    expect(again.status).toBe(200)
    await readSse(again)
  })

  it('bills the model multiplier for user turns and nothing for agent turns', async () => {
    const models = (await (
      await fetch(`${fake.upstream.copilotUrl}/models`, { headers: fake.auth() })
    ).json()) as { data: Json[] }
    const entry = models.data.find((model) => model['id'] === routeCase.model) ?? {}
    const multiplier = (entry['billing'] as { multiplier: number }).multiplier

    const before = fake.upstream.scenario.premiumUsed
    await readSse(await send())
    expect(fake.upstream.scenario.premiumUsed).toBe(before + multiplier)
    await readSse(await send('Hello', {}, { ...fake.auth(), 'x-initiator': 'Agent' }))
    expect(fake.upstream.scenario.premiumUsed).toBe(before + multiplier)
  })
})
