import { createParser } from 'eventsource-parser'
import { expect } from 'vitest'
import { startFakeUpstream, type FakeUpstream, type Scenario } from './index.ts'

// What the fake's own tests share: a client that signs in over real HTTP and reads SSE as a
// client would (eventsource-parser over a streaming TextDecoder), keeping the raw reads.

export type Json = Record<string, unknown>

export const clientId = 'Iv1.b507a08c87ecfe98'
export const deviceGrant = 'urn:ietf:params:oauth:grant-type:device_code'
export const identityHeaders = {
  'editor-version': 'vscode/1.104.0',
  'editor-plugin-version': 'copilot-chat/0.31.0',
  'copilot-integration-id': 'vscode-chat',
  'x-github-api-version': '2025-05-01',
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
// Just past the 1 s interval the fake enforces between polls.
export const waitInterval = () => sleep(1050)

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
}

export async function requestCode(
  upstream: FakeUpstream,
): Promise<{ device_code: string; user_code: string } & Json> {
  const res = await postJson(`${upstream.githubUrl}/login/device/code`, {
    client_id: clientId,
    scope: 'read:user',
  })
  expect(res.status).toBe(200)
  return (await res.json()) as { device_code: string; user_code: string } & Json
}

export async function poll(upstream: FakeUpstream, deviceCode: string, fields: Json = {}) {
  const res = await postJson(`${upstream.githubUrl}/login/oauth/access_token`, {
    client_id: clientId,
    device_code: deviceCode,
    grant_type: deviceGrant,
    ...fields,
  })
  expect(res.status).toBe(200)
  return (await res.json()) as Json
}

export async function signIn(upstream: FakeUpstream): Promise<string> {
  const code = await requestCode(upstream)
  await waitInterval()
  const answer = await poll(upstream, code['device_code'])
  expect(answer['access_token']).toBeTypeOf('string')
  return answer['access_token'] as string
}

export async function exchange(
  upstream: FakeUpstream,
  githubToken: string,
): Promise<{ token: string; expires_at: number } & Json> {
  const res = await fetch(`${upstream.githubApiUrl}/copilot_internal/v2/token`, {
    headers: { authorization: `token ${githubToken}`, accept: 'application/json' },
  })
  expect(res.status).toBe(200)
  return (await res.json()) as { token: string; expires_at: number } & Json
}

/** A fake with a signed-in user and a live Copilot token, plus a POST helper for its API. */
export type SignedInFake = {
  upstream: FakeUpstream
  githubToken: string
  copilotToken: string
  auth(): Record<string, string>
  /** POSTs JSON to a Copilot API path (`/responses`, `/v1/messages`, …). */
  post(
    path: string,
    body: unknown,
    headers?: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<Response>
}

export async function startSignedIn(scenario: Partial<Scenario> = {}): Promise<SignedInFake> {
  const upstream = await startFakeUpstream({
    scenario: { deviceInterval: 1, autoApproveAfterPolls: 0, ...scenario },
  })
  const githubToken = await signIn(upstream)
  const copilotToken = (await exchange(upstream, githubToken))['token']
  const auth = () => ({ authorization: `Bearer ${copilotToken}`, ...identityHeaders })
  return {
    upstream,
    githubToken,
    copilotToken,
    auth,
    post: (path, body, headers = auth(), signal) =>
      fetch(`${upstream.copilotUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
        signal,
      }),
  }
}

export function bodyReader(res: Response) {
  if (res.body === null) throw new Error(`No body (HTTP ${res.status})`)
  return res.body.getReader()
}

export function without(headers: Record<string, string>, name: string): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([key]) => key !== name))
}

/** One parsed SSE event: its `event:` name (undefined when the line is absent) and data. */
export type SseEvent = { event: string | undefined; data: string }

/** Reads a whole SSE body; a cut connection ends the read with `error` set instead of throwing. */
export async function readSseSettled(res: Response) {
  const reader = bodyReader(res)
  const decoder = new TextDecoder('utf-8')
  const events: SseEvent[] = []
  const rawChunks: Uint8Array[] = []
  let text = ''
  let error: unknown = undefined
  const parser = createParser({
    onEvent: (event) => events.push({ event: event.event, data: event.data }),
  })
  for (;;) {
    let read: Awaited<ReturnType<typeof reader.read>>
    try {
      read = await reader.read()
    } catch (thrown) {
      error = thrown ?? new Error('stream failed')
      break
    }
    if (read.done) break
    rawChunks.push(read.value)
    const piece = decoder.decode(read.value, { stream: true })
    text += piece
    parser.feed(piece)
  }
  return { events, data: events.map((event) => event.data), rawChunks, text, error }
}

export async function readSse(res: Response) {
  const read = await readSseSettled(res)
  if (read.error !== undefined) throw read.error
  return read
}

/** The JSON of every event whose data is JSON (`[DONE]` and other sentinels are left out). */
export function jsonEvents(events: SseEvent[]): Json[] {
  return events.filter((event) => event.data.startsWith('{')).map((e) => JSON.parse(e.data) as Json)
}

export function isBrokenUtf8(chunk: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(chunk)
    return false
  } catch {
    return true
  }
}

/** Every line break of the raw stream is CRLF (none bare), and there are some. */
export function usesOnlyCrlf(text: string): boolean {
  return text.includes('\r\n') && !/[^\r]\n/.test(text) && !/\r(?!\n)/.test(text)
}

export async function until(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error('Timed out waiting for condition')
    await sleep(10)
  }
}

/** The three answer routes as a client drives them: a body per route and its answer text. */
export type RouteCase = {
  route: '/chat/completions' | '/responses' | '/v1/messages'
  /** A model the route serves. */
  model: string
  body(text: string, extra?: Json): Json
  /** The answer text carried by a stream's events. */
  answerText(events: Json[]): string
  /** The route's error body shape, so fault tests can read status-specific fields. */
  errorOf(body: Json): { message: string; kind: string | undefined }
  /** How the stream ended: its normal last event seen, or the in-stream failure's message. */
  ending(events: Json[]): { completed: boolean; failure: string | undefined }
}

const errorRecord = (body: Json) => (body['error'] ?? {}) as Json
const messageOf = (error: unknown) =>
  error === undefined ? undefined : String((error as Json)['message'])

export const routeCases: RouteCase[] = [
  {
    route: '/chat/completions',
    model: 'gpt-4.1',
    body: (text, extra = {}) => ({
      model: 'gpt-4.1',
      stream: true,
      messages: [{ role: 'user', content: text }],
      ...extra,
    }),
    answerText: (events) =>
      events
        .map((chunk) => {
          const choices = (chunk['choices'] ?? []) as Array<{ delta?: { content?: string } }>
          return choices[0]?.delta?.content ?? ''
        })
        .join(''),
    errorOf: (body) => ({
      message: String(errorRecord(body)['message']),
      kind: errorRecord(body)['code'] as string | undefined,
    }),
    ending: (events) => ({
      completed: events.some((chunk) =>
        ((chunk['choices'] ?? []) as Array<{ finish_reason?: string }>).some(
          (choice) => choice.finish_reason !== undefined,
        ),
      ),
      failure: messageOf(events.find((chunk) => chunk['error'] !== undefined)?.['error']),
    }),
  },
  {
    route: '/responses',
    model: 'gpt-5.4',
    body: (text, extra = {}) => ({
      model: 'gpt-5.4',
      stream: true,
      input: [{ role: 'user', content: [{ type: 'input_text', text }] }],
      ...extra,
    }),
    answerText: (events) =>
      events
        .filter((event) => event['type'] === 'response.output_text.delta')
        .map((event) => String(event['delta']))
        .join(''),
    errorOf: (body) => ({
      message: String(errorRecord(body)['message']),
      kind: errorRecord(body)['code'] as string | undefined,
    }),
    ending: (events) => {
      const failed = events.find((event) => event['type'] === 'response.failed')
      return {
        completed: events.some((event) => event['type'] === 'response.completed'),
        failure: messageOf(((failed?.['response'] ?? {}) as Json)['error']),
      }
    },
  },
  {
    route: '/v1/messages',
    model: 'claude-sonnet-4.5',
    body: (text, extra = {}) => ({
      model: 'claude-sonnet-4.5',
      stream: true,
      max_tokens: 4096,
      messages: [{ role: 'user', content: text }],
      ...extra,
    }),
    answerText: (events) =>
      events
        .map((event) => (event['delta'] ?? {}) as Json)
        .filter((delta) => delta['type'] === 'text_delta')
        .map((delta) => String(delta['text']))
        .join(''),
    // §9: Anthropic's envelope: the kind is `error.type`, and the body's own type is "error".
    errorOf: (body) => {
      expect(body['type']).toBe('error')
      return {
        message: String(errorRecord(body)['message']),
        kind: errorRecord(body)['type'] as string | undefined,
      }
    },
    ending: (events) => ({
      completed: events.some((event) => event['type'] === 'message_stop'),
      failure: messageOf(events.find((event) => event['type'] === 'error')?.['error']),
    }),
  },
]
