import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { defaultAnswer, defaultReasoning } from './index.ts'
import {
  jsonEvents,
  readSse,
  startSignedIn,
  without,
  type Json,
  type SignedInFake,
} from './test-client.ts'

type Delta = { type: string; text?: string; thinking?: string; signature?: string }

const deltasOf = (events: Json[], index: number) =>
  events
    .filter((event) => event['type'] === 'content_block_delta' && event['index'] === index)
    .map((event) => event['delta'] as Delta)

// §9: POST /v1/messages, Anthropic's Messages API for Claude models.
describe('POST /v1/messages', () => {
  let fake: SignedInFake
  const message = (body: Json, headers?: Record<string, string>) =>
    fake.post('/v1/messages', body, headers)
  const ask = (text: string, extra: Json = {}) => ({
    model: 'claude-sonnet-4.5',
    max_tokens: 8192,
    stream: true,
    system: 'Be brief.',
    messages: [{ role: 'user', content: [{ type: 'text', text }] }],
    ...extra,
  })
  const anthropicError = (type: string, message: string | RegExp) => ({
    type: 'error',
    error: {
      type,
      message: typeof message === 'string' ? message : expect.stringMatching(message),
    },
  })

  beforeAll(async () => {
    fake = await startSignedIn()
  })
  afterAll(() => fake.upstream.close())
  beforeEach(() => fake.upstream.setScenario({ chunkDelayMs: 1, chunkSize: 12 }))

  it('streams the standard Anthropic events with Copilot traits', async () => {
    const res = await message(ask('Hello'))
    expect(res.status).toBe(200)
    const { events, data } = await readSse(res)
    expect(data).not.toContain('[DONE]')
    const parsed = jsonEvents(events)
    events.forEach((event, index) => expect(event.event).toBe(parsed[index]?.['type']))

    const deltas = deltasOf(parsed, 0)
    expect(parsed.map((event) => event['type'])).toEqual([
      'message_start',
      'ping',
      'content_block_start',
      ...Array<string>(deltas.length).fill('content_block_delta'),
      'content_block_stop',
      'message_delta',
      'message_stop',
    ])
    expect(parsed[0]).toMatchObject({
      message: {
        id: expect.stringMatching(/^msg_bdrk_01[A-Za-z0-9]{20,}$/),
        type: 'message',
        role: 'assistant',
        model: 'claude-sonnet-4.5',
        content: [],
        stop_reason: null,
        usage: {
          input_tokens: expect.any(Number),
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 0,
        },
      },
    })
    expect(parsed[2]).toMatchObject({ index: 0, content_block: { type: 'text', text: '' } })
    expect(deltas.every((delta) => delta.type === 'text_delta')).toBe(true)
    expect(deltas.map((delta) => delta.text).join('')).toBe(defaultAnswer)
    expect(parsed.at(-2)).toMatchObject({
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { output_tokens: expect.any(Number) },
    })
  })

  it('streams a thinking block with a signature before the text when asked', async () => {
    const thinking = { type: 'enabled', budget_tokens: 2048 }
    const parsed = jsonEvents((await readSse(await message(ask('Hello', { thinking })))).events)
    expect(parsed.filter((event) => event['type'] === 'content_block_start')).toEqual([
      expect.objectContaining({
        index: 0,
        content_block: { type: 'thinking', thinking: '', signature: '' },
      }),
      expect.objectContaining({ index: 1, content_block: { type: 'text', text: '' } }),
    ])
    const thoughts = deltasOf(parsed, 0)
    expect(thoughts.at(-1)).toMatchObject({
      type: 'signature_delta',
      signature: expect.any(String),
    })
    expect(thoughts.at(-1)?.signature?.length).toBeGreaterThan(100)
    const thinkingText = thoughts.slice(0, -1)
    expect(thinkingText.every((delta) => delta.type === 'thinking_delta')).toBe(true)
    expect(thinkingText.map((delta) => delta.thinking).join('')).toBe(defaultReasoning)
    expect(
      deltasOf(parsed, 1)
        .map((delta) => delta.text)
        .join(''),
    ).toBe(defaultAnswer)

    // Sonnet 4.5 takes budgets, not adaptive thinking: no thinking block then.
    const adaptive = jsonEvents(
      (await readSse(await message(ask('Hello', { thinking: { type: 'adaptive' } })))).events,
    )
    expect(adaptive.filter((event) => event['type'] === 'content_block_start')).toHaveLength(1)
  })

  it('returns a message object when not streaming, with echo: and thinking', async () => {
    const res = await message(
      ask('echo: salut', { stream: false, thinking: { type: 'enabled', budget_tokens: 1024 } }),
    )
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({
      id: expect.stringMatching(/^msg_bdrk_/),
      type: 'message',
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: defaultReasoning, signature: expect.any(String) },
        { type: 'text', text: 'salut' },
      ],
      stop_reason: 'end_turn',
      usage: {
        input_tokens: expect.any(Number),
        output_tokens: expect.any(Number),
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
      },
      context_management: { applied_edits: [] },
    })
  })

  it("enforces the Messages API's body rules in Anthropic's error envelope", async () => {
    const expectRefusal = async (body: Json, error: ReturnType<typeof anthropicError>) => {
      const res = await message(body)
      expect(res.status).toBe(400)
      expect(await res.json()).toEqual(error)
    }
    const { max_tokens: _dropped, ...noMaxTokens } = ask('Hello')
    await expectRefusal(
      noMaxTokens,
      anthropicError('invalid_request_error', 'max_tokens: Field required'),
    )
    await expectRefusal(
      ask('Hello', { messages: [] }),
      anthropicError('invalid_request_error', /^messages: at least one message/),
    )
    await expectRefusal(
      ask('Hello', {
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Hello' },
        ],
      }),
      anthropicError('invalid_request_error', /Unexpected role "system".*top-level `system`/),
    )
    await expectRefusal(
      ask('Hello', { max_tokens: 2048, thinking: { type: 'enabled', budget_tokens: 2048 } }),
      anthropicError('invalid_request_error', /max_tokens` must be greater than/),
    )
    await expectRefusal(
      ask('Hello', { thinking: { type: 'enabled', budget_tokens: 100 } }),
      anthropicError('invalid_request_error', /budget_tokens: Input should be greater than/),
    )
    await expectRefusal(
      ask('Hello', { model: 'gpt-4.1' }),
      anthropicError(
        'invalid_request_error',
        'model "gpt-4.1" is not accessible via the /v1/messages endpoint',
      ),
    )
    await expectRefusal(
      ask('Hello', { model: 'gemini-2.5-pro' }),
      anthropicError('invalid_request_error', /not accessible via the \/v1\/messages endpoint/),
    )
    // A top-level system prompt, as a string or as text blocks, is fine.
    const blocks = await message(
      ask('Hello', { stream: false, system: [{ type: 'text', text: 'Be brief.' }] }),
    )
    expect(blocks.status).toBe(200)
  })

  it('answers gate errors in the Anthropic envelope too', async () => {
    const noEditor = await message(ask('Hello'), without(fake.auth(), 'editor-version'))
    expect(noEditor.status).toBe(400)
    expect(await noEditor.json()).toEqual(
      anthropicError(
        'invalid_request_error',
        'bad request: missing Editor-Version header for IDE auth',
      ),
    )
    const noToken = await message(ask('Hello'), { ...fake.auth(), authorization: 'Bearer nope' })
    expect(noToken.status).toBe(401)
    expect(await noToken.json()).toEqual(
      anthropicError('authentication_error', 'unauthorized: token invalid'),
    )
  })

  it('needs Copilot-Vision-Request for image blocks', async () => {
    const withImage = ask('x', {
      stream: false,
      messages: [
        {
          role: 'user',
          content: [
            {
              type: 'image',
              source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' },
            },
            { type: 'text', text: 'echo: a cat' },
          ],
        },
      ],
    })
    const missing = await message(withImage)
    expect(missing.status).toBe(400)
    expect(await missing.json()).toEqual(
      anthropicError(
        'invalid_request_error',
        'missing required Copilot-Vision-Request header for vision requests',
      ),
    )
    const sent = await message(withImage, { ...fake.auth(), 'copilot-vision-request': 'true' })
    expect(sent.status).toBe(200)
    expect(await sent.json()).toMatchObject({ content: [{ type: 'text', text: 'a cat' }] })
  })

  it('refuses the disabled-policy model until POST /models/{id}/policy enables it', async () => {
    const opus = ask('Hello', { model: 'claude-opus-4.6', thinking: { type: 'adaptive' } })
    const before = await message(opus)
    expect(before.status).toBe(400)
    expect(await before.json()).toEqual(
      anthropicError('invalid_request_error', 'The requested model is not supported.'),
    )

    const enable = await fake.post('/models/claude-opus-4.6/policy', { state: 'enabled' })
    expect(enable.status).toBe(200)
    expect(await enable.json()).toEqual({ state: 'enabled' })
    const models = (await (
      await fetch(`${fake.upstream.copilotUrl}/models`, { headers: fake.auth() })
    ).json()) as { data: Json[] }
    expect(models.data.find((model) => model['id'] === 'claude-opus-4.6')).toMatchObject({
      policy: { state: 'enabled', terms: expect.stringContaining('Claude Opus 4.6') },
    })

    // Enabled, and it takes adaptive thinking (§9).
    const after = jsonEvents((await readSse(await message(opus))).events)
    expect(after.find((event) => event['type'] === 'content_block_start')).toMatchObject({
      content_block: { type: 'thinking' },
    })
    expect(after.at(-1)).toMatchObject({ type: 'message_stop' })
  })

  it('sends an overloaded_error event for a mid-stream failure', async () => {
    fake.upstream.setScenario({ midStreamError: { afterChunks: 1, message: 'Overloaded' } })
    try {
      const { events } = await readSse(await message(ask('Hello')))
      const last = events.at(-1)
      expect(last?.event).toBe('error')
      expect(JSON.parse(last?.data ?? '{}')).toEqual({
        type: 'error',
        error: { type: 'overloaded_error', message: 'Overloaded' },
      })
    } finally {
      fake.upstream.setScenario({ midStreamError: null })
    }
  })
})
