import { connect } from 'node:net'
import { describe, expect, it } from 'vitest'
import { createLocalApiServer } from './server.ts'
import { rawRequest, setUpApiAgainstFake } from './testing/harness.ts'
import { createMemoryLog } from '../testing/test-core.ts'

const suite = setUpApiAgainstFake({ chatFault: null, chunkDelayMs: 0 })

const port = () => new URL(suite.api.server.url).port
const withKey = () => ({ authorization: `Bearer ${suite.api.apiKey}` })
const chatBody = JSON.stringify({ model: 'gpt-4.1', messages: [{ role: 'user', content: 'hi' }] })
const corsHeaders = (headers: Record<string, unknown>) =>
  Object.keys(headers).filter((name) => name.startsWith('access-control-'))

describe('where requests may come from', () => {
  it('listens on 127.0.0.1 only', async () => {
    expect(suite.api.server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    // Another loopback address reaches a socket bound to all interfaces, never one bound to 127.0.0.1.
    const reached = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.2', port: Number(port()) })
      socket.once('connect', () => (socket.destroy(), resolve(true)))
      socket.once('error', () => resolve(false))
    })
    expect(reached).toBe(false)
  })

  it('refuses a Host that is not this loopback address and port (DNS rebinding), before the key', async () => {
    for (const host of [
      'evil.example',
      `evil.example:${port()}`,
      `127.0.0.1:1`,
      `localhost.evil.example:${port()}`,
    ]) {
      const answer = await rawRequest(suite.api.server.url, {
        path: '/v1/models',
        headers: { host, ...withKey() },
      })
      expect(answer.status, host).toBe(421)
    }
    const good = await rawRequest(suite.api.server.url, {
      path: '/v1/models',
      headers: { host: `localhost:${port()}`, ...withKey() },
    })
    expect(good.status).toBe(200)
  })

  it('refuses any request from a browser page, even with the key, and sends no CORS headers', async () => {
    const cases: Array<{ method: string; headers: Record<string, string> }> = [
      {
        method: 'POST',
        headers: {
          origin: 'https://evil.example',
          ...withKey(),
          'content-type': 'application/json',
        },
      },
      {
        method: 'POST',
        headers: {
          origin: `http://127.0.0.1:${port()}`,
          ...withKey(),
          'content-type': 'application/json',
        },
      },
      {
        method: 'POST',
        headers: {
          'sec-fetch-site': 'cross-site',
          ...withKey(),
          'content-type': 'application/json',
        },
      },
      // A CORS preflight.
      {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
      },
    ]
    const from = suite.up.fake.requests.length
    for (const { method, headers } of cases) {
      const answer = await rawRequest(suite.api.server.url, {
        method,
        path: '/v1/chat/completions',
        headers,
        body: method === 'POST' ? chatBody : '',
      })
      expect(answer.status).toBe(403)
      expect(corsHeaders(answer.headers)).toEqual([])
    }
    expect(suite.up.fake.requests.length).toBe(from)
  })

  it('sends no CORS headers on answers that succeed', async () => {
    const models = await suite.api.call('/v1/models')
    const chat = await suite.api.call('/v1/chat/completions', { method: 'POST', body: chatBody })
    expect(models.status).toBe(200)
    expect(chat.status).toBe(200)
    expect(corsHeaders(Object.fromEntries(models.headers))).toEqual([])
    expect(corsHeaders(Object.fromEntries(chat.headers))).toEqual([])
  })
})

describe('the key', () => {
  it('is required: missing, wrong, prefixed or extended keys are refused with 401', async () => {
    const from = suite.up.fake.requests.length
    const keys = [
      undefined,
      'wrong',
      suite.api.apiKey.slice(0, -1),
      `${suite.api.apiKey}x`,
      `x${suite.api.apiKey}`,
      suite.api.apiKey.toUpperCase(),
    ]
    for (const key of keys) {
      const answer = await rawRequest(suite.api.server.url, {
        method: 'POST',
        path: '/v1/chat/completions',
        headers: {
          'content-type': 'application/json',
          ...(key === undefined ? {} : { authorization: `Bearer ${key}` }),
        },
        body: chatBody,
      })
      expect(answer.status).toBe(401)
      expect(JSON.parse(answer.body)).toMatchObject({ error: { type: 'authentication_error' } })
    }
    const anthropic = await rawRequest(suite.api.server.url, {
      method: 'POST',
      path: '/v1/messages',
      headers: { 'x-api-key': 'wrong' },
      body: '{}',
    })
    expect(anthropic.status).toBe(401)
    expect(JSON.parse(anthropic.body)).toMatchObject({
      type: 'error',
      error: { type: 'authentication_error' },
    })
    expect(suite.up.fake.requests.length).toBe(from)
  })

  it('is accepted as a Bearer token or as x-api-key', async () => {
    const bearer = await rawRequest(suite.api.server.url, {
      path: '/v1/models',
      headers: withKey(),
    })
    const header = await rawRequest(suite.api.server.url, {
      path: '/v1/models',
      headers: { 'x-api-key': suite.api.apiKey },
    })
    expect([bearer.status, header.status]).toEqual([200, 200])
  })

  it('must be long enough to start the server', async () => {
    await expect(
      createLocalApiServer({
        port: 0,
        apiKey: 'short',
        copilot: suite.up.copilot,
        models: { routes: async () => new Map() },
        log: createMemoryLog(),
      }),
    ).rejects.toThrow(/at least/)
  })
})

describe('bounds', () => {
  it('refuses a body over the limit with 413, declared or streamed, without asking Copilot', async () => {
    await suite.restartApi({ maxBodyBytes: 1024 })
    const from = suite.up.fake.requests.length
    const big = JSON.stringify({
      model: 'gpt-4.1',
      messages: [{ role: 'user', content: 'x'.repeat(4096) }],
    })
    const declared = await suite.api.call('/v1/chat/completions', { method: 'POST', body: big })
    expect(declared.status).toBe(413)
    // Chunked: no Content-Length to judge by, so the read itself stops.
    const streamed = await rawRequest(suite.api.server.url, {
      method: 'POST',
      path: '/v1/chat/completions',
      headers: { ...withKey(), 'transfer-encoding': 'chunked', 'content-type': 'application/json' },
      body: big,
    })
    expect(streamed.status).toBe(413)
    expect(suite.up.fake.requests.length).toBe(from)
    const small = await suite.api.call('/v1/chat/completions', { method: 'POST', body: chatBody })
    expect(small.status).toBe(200)
  })

  it('answers 429 with Retry-After beyond the concurrent requests, and admits again after', async () => {
    await suite.restartApi({ maxConcurrentRequests: 1 })
    suite.up.fake.setScenario({ chunkDelayMs: 20 })
    const stream = await suite.api.call('/v1/chat/completions', {
      method: 'POST',
      body: JSON.stringify({
        model: 'gpt-4.1',
        stream: true,
        messages: [{ role: 'user', content: 'hi' }],
      }),
    })
    const second = await suite.api.call('/v1/chat/completions', { method: 'POST', body: chatBody })
    expect(second.status).toBe(429)
    expect(second.headers.get('retry-after')).toBe('1')
    expect(await second.json()).toMatchObject({ error: { type: 'rate_limit_error' } })
    await stream.text()
    await expect.poll(async () => (await suite.api.call('/v1/models')).status).toBe(200)
  })

  it('answers 429 with Retry-After beyond the requests per minute', async () => {
    await suite.restartApi({ requestsPerMinute: 2 })
    expect((await suite.api.call('/v1/models')).status).toBe(200)
    expect((await suite.api.call('/v1/models')).status).toBe(200)
    const third = await suite.api.call('/v1/models')
    expect(third.status).toBe(429)
    const wait = Number(third.headers.get('retry-after'))
    expect(wait).toBeGreaterThanOrEqual(55)
    expect(wait).toBeLessThanOrEqual(60)
    const anthropic = await suite.api.call('/v1/messages', { method: 'POST', body: '{}' })
    expect(anthropic.status).toBe(429)
    expect(await anthropic.json()).toMatchObject({
      type: 'error',
      error: { type: 'rate_limit_error' },
    })
  })
})

describe('routes', () => {
  it('answers 404 to unknown paths and never reaches another upstream URL', async () => {
    const from = suite.up.fake.requests.length
    const paths = [
      '/v1/../api/user',
      '/v1/models/../../api/copilot_internal/v2/token',
      '/copilot/models',
      '/v1/chat/completions/extra',
      '/v1/engines/gpt-4.1/completions',
      '/api/copilot_internal/v2/token',
      '/v1/models/a/b',
    ]
    for (const path of paths) {
      const answer = await rawRequest(suite.api.server.url, {
        method: 'GET',
        path,
        headers: withKey(),
      })
      expect(answer.status, path).toBe(404)
    }
    for (const path of ['http://evil.example/v1/models', '//evil.example/v1/models']) {
      const answer = await rawRequest(suite.api.server.url, { path, headers: withKey() })
      expect(answer.status, path).toBe(400)
    }
    expect(suite.up.fake.requests.slice(from)).toEqual([])
  })

  it('never shows a GitHub or Copilot token in an answer, a header, a log line or the request log', async () => {
    // Some traffic first so both tokens exist and have been used.
    const answers: string[] = []
    const keep = async (response: Response) =>
      answers.push(JSON.stringify(Object.fromEntries(response.headers)), await response.text())
    await keep(await suite.api.call('/v1/models'))
    await keep(await suite.api.call('/v1/chat/completions', { method: 'POST', body: chatBody }))
    await keep(
      await suite.api.call('/v1/chat/completions', {
        method: 'POST',
        body: JSON.stringify({
          model: 'gpt-4.1',
          stream: true,
          messages: [{ role: 'user', content: 'hi' }],
        }),
      }),
    )
    suite.up.fake.setScenario({ chatFault: { status: 401, times: 1 } })
    await keep(await suite.api.call('/v1/chat/completions', { method: 'POST', body: chatBody }))
    suite.up.fake.setScenario({ chatFault: { status: 500 } })
    await keep(
      await suite.api.call('/v1/messages', {
        method: 'POST',
        body: JSON.stringify({
          model: 'claude-sonnet-4.5',
          max_tokens: 5,
          messages: [{ role: 'user', content: 'hi' }],
        }),
      }),
    )
    await keep(await suite.api.call('/nope'))
    await keep(
      await fetch(`${suite.api.server.url}/v1/models`, {
        headers: { origin: 'https://evil.example' },
      }),
    )
    const secrets = new Set<string>()
    for (const request of suite.up.fake.requests) {
      const bearer = /^(?:bearer|token)\s+(\S+)/i.exec(request.headers.authorization ?? '')?.[1]
      if (bearer) secrets.add(bearer)
    }
    expect(secrets.size).toBeGreaterThanOrEqual(2)
    const seen = [
      ...answers,
      ...suite.api.log.lines,
      JSON.stringify(suite.api.requests.entries()),
    ].join('\n')
    for (const secret of secrets) expect(seen).not.toContain(secret)
  })
})
