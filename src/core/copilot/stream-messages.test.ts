import { describe, expect, it } from 'vitest'
import type { ModelRoute } from './model-route.ts'
import { pieces, piecesThenDrop, sentBody, sentHeaders, sse } from './testing/scripted-copilot.ts'
import { createScriptedAnswer, imageTurn } from './testing/scripted-answer.ts'

const route: ModelRoute = {
  id: 'claude-sonnet-4.5',
  endpoint: 'messages',
  streaming: true,
  maxOutputTokens: 16_000,
}

/** Streams an answer whose body is made of exactly these pieces. */
const answer = createScriptedAnswer(route)

const start = sse({
  type: 'message_start',
  message: {
    id: 'msg_bdrk_1',
    type: 'message',
    role: 'assistant',
    content: [],
    usage: { input_tokens: 20, cache_read_input_tokens: 80, output_tokens: 1 },
  },
})
const textBlock = (index: number, ...texts: string[]) =>
  sse(
    { type: 'content_block_start', index, content_block: { type: 'text', text: '' } },
    ...texts.map((text) => ({
      type: 'content_block_delta',
      index,
      delta: { type: 'text_delta', text },
    })),
    { type: 'content_block_stop', index },
  )
const end = (stopReason = 'end_turn') =>
  sse(
    { type: 'message_delta', delta: { stop_reason: stopReason }, usage: { output_tokens: 12 } },
    { type: 'message_stop' },
  )

describe('messages on the wire (§9)', () => {
  it('streams text until message_stop, with usage from message_start and message_delta', async () => {
    const { outcome, events } = answer(
      pieces(start, sse({ type: 'ping' }), textBlock(0, 'Hel', 'lo'), end()),
    )
    expect(await outcome).toEqual({
      finishReason: 'stop',
      usage: { promptTokens: 100, completionTokens: 12, cachedTokens: 80 },
    })
    expect(events.text).toBe('Hello')
  })

  it('reads CRLF line endings', async () => {
    const { outcome, events } = answer(
      pieces((start + textBlock(0, 'crlf') + end()).replaceAll('\n', '\r\n')),
    )
    expect((await outcome).finishReason).toBe('stop')
    expect(events.text).toBe('crlf')
  })

  it('joins a multi-byte character split across reads', async () => {
    const bytes = new TextEncoder().encode(textBlock(0, 'grüße'))
    const cut = bytes.indexOf(0xc3) + 1 // inside "ü"
    const { outcome, events } = answer(pieces(start, bytes.slice(0, cut), bytes.slice(cut), end()))
    await outcome
    expect(events.text).toBe('grüße')
  })

  it('maps max_tokens to `length` and keeps other stop reasons', async () => {
    const long = answer(pieces(start, textBlock(0, 'x'), end('max_tokens')))
    expect((await long.outcome).finishReason).toBe('length')
    const refused = answer(pieces(start, textBlock(0, 'x'), end('refusal')))
    expect((await refused.outcome).finishReason).toBe('refusal')
  })

  it('calls a stream without message_stop cut off, keeping the text', async () => {
    const stopless = sse({ type: 'message_delta', delta: { stop_reason: 'end_turn' } })
    const { outcome, events } = answer(pieces(start, textBlock(0, 'almost'), stopless))
    await expect(outcome).rejects.toMatchObject({
      error: { kind: 'network', message: expect.stringMatching(/dropped/) },
    })
    expect(events.text).toBe('almost')
  })

  it('calls a connection that breaks mid-answer cut off', async () => {
    const { outcome, events } = answer(piecesThenDrop(start, textBlock(0, 'half')))
    await expect(outcome).rejects.toMatchObject({ error: { kind: 'network' } })
    expect(events.text).toBe('half')
  })

  it('fails on an error event such as overloaded_error, keeping what came before', async () => {
    const { outcome, events } = answer(
      pieces(
        start,
        textBlock(0, 'partial'),
        sse({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }),
        textBlock(1, 'never'),
      ),
    )
    await expect(outcome).rejects.toMatchObject({
      error: { kind: 'upstream', message: expect.stringMatching(/Overloaded/) },
    })
    expect(events.text).toBe('partial')
  })

  it('delivers thinking as reasoning, before the text', async () => {
    const { outcome, events } = answer(
      pieces(
        start,
        sse(
          {
            type: 'content_block_start',
            index: 0,
            content_block: { type: 'thinking', thinking: '' },
          },
          {
            type: 'content_block_delta',
            index: 0,
            delta: { type: 'thinking_delta', thinking: 'Let me see.' },
          },
          {
            type: 'content_block_delta',
            index: 0,
            delta: { type: 'signature_delta', signature: 'sig' },
          },
          { type: 'content_block_stop', index: 0 },
        ),
        textBlock(1, 'Answer.'),
        end(),
      ),
    )
    await outcome
    expect(events.events).toEqual([
      { type: 'reasoning', text: 'Let me see.' },
      { type: 'text', text: 'Answer.' },
    ])
  })

  it('reads a non-streaming message: thinking and text blocks, stop reason, usage', async () => {
    const body = JSON.stringify({
      id: 'msg_bdrk_2',
      type: 'message',
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: 'Quick.', signature: 'sig' },
        { type: 'text', text: 'Whole answer.' },
      ],
      stop_reason: 'end_turn',
      usage: { input_tokens: 5, output_tokens: 7 },
    })
    const { outcome, events } = answer(body, { headers: { 'Content-Type': 'application/json' } })
    expect(await outcome).toEqual({
      finishReason: 'stop',
      usage: { promptTokens: 5, completionTokens: 7 },
    })
    expect(events.events).toEqual([
      { type: 'reasoning', text: 'Quick.' },
      { type: 'text', text: 'Whole answer.' },
    ])
  })
})

describe('messages request (§9)', () => {
  const ok = () => pieces(start, textBlock(0, 'ok'), end())

  it('puts system turns at the top level and sends max_tokens and anthropic-version', async () => {
    const { outcome, requests } = answer(ok(), {
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: 'hello' },
        { role: 'system', content: 'Answer in French.' },
        { role: 'user', content: 'again' },
      ],
      showReasoning: false,
    })
    await outcome
    expect(requests[0]?.url).toBe('https://copilot.test/v1/messages')
    expect(sentHeaders(requests[0]).get('anthropic-version')).toBe('2023-06-01')
    expect(sentHeaders(requests[0]).get('openai-intent')).toBe('conversation-panel')
    expect(sentBody(requests[0])).toEqual({
      model: 'claude-sonnet-4.5',
      system: 'Be brief.\n\nAnswer in French.',
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: 'hello' },
        { role: 'user', content: 'again' },
      ],
      max_tokens: 16_000,
      stream: true,
    })
  })

  it('defaults max_tokens to 8192 and caps a non-streamed answer at its own limit', async () => {
    const bare = answer(ok(), { route: { id: 'claude-x', endpoint: 'messages', streaming: true } })
    await bare.outcome
    expect(sentBody(bare.requests[0]).max_tokens).toBe(8192)
    const json = JSON.stringify({ type: 'message', content: [], stop_reason: 'end_turn' })
    const capped = answer(json, {
      headers: { 'Content-Type': 'application/json' },
      route: {
        ...route,
        streaming: false,
        maxOutputTokens: 64_000,
        maxNonStreamingOutputTokens: 16_000,
      },
    })
    await capped.outcome
    expect(sentBody(capped.requests[0])).toMatchObject({ max_tokens: 16_000, stream: false })
  })

  it('asks for adaptive thinking when the model supports it', async () => {
    const { outcome, requests } = answer(ok(), { route: { ...route, adaptiveThinking: true } })
    await outcome
    expect(sentBody(requests[0]).thinking).toEqual({ type: 'adaptive' })
  })

  it('asks for a thinking budget inside the model range and below max_tokens', async () => {
    const wide = answer(ok(), {
      route: { ...route, maxOutputTokens: 64_000, thinkingBudget: { min: 1024, max: 32_000 } },
    })
    await wide.outcome
    const wideBody = sentBody(wide.requests[0])
    expect(wideBody.thinking).toEqual({ type: 'enabled', budget_tokens: 32_000 })
    expect(wideBody.max_tokens).toBe(64_000)

    const tight = answer(ok(), {
      route: { ...route, maxOutputTokens: 4096, thinkingBudget: { min: 4000, max: 32_000 } },
    })
    await tight.outcome
    const tightBody = sentBody(tight.requests[0])
    const budget = (tightBody.thinking as { budget_tokens: number }).budget_tokens
    expect(budget).toBeGreaterThanOrEqual(4000)
    expect(budget).toBeLessThan(tightBody.max_tokens as number)

    const impossible = answer(ok(), {
      route: { ...route, maxOutputTokens: 2048, thinkingBudget: { min: 4000, max: 32_000 } },
    })
    await impossible.outcome
    expect(sentBody(impossible.requests[0])).not.toHaveProperty('thinking')
  })

  it('asks for no thinking when the person turned reasoning off', async () => {
    const { outcome, requests } = answer(ok(), {
      route: { ...route, adaptiveThinking: true },
      showReasoning: false,
    })
    await outcome
    expect(sentBody(requests[0])).not.toHaveProperty('thinking')
  })

  it('sends images as base64 image blocks with the vision header', async () => {
    const { outcome, requests } = answer(ok(), {
      messages: imageTurn('What is this?', { mediaType: 'image/webp', base64: 'UklGR' }),
    })
    await outcome
    expect(sentHeaders(requests[0]).get('copilot-vision-request')).toBe('true')
    expect(sentBody(requests[0]).messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'image', source: { type: 'base64', media_type: 'image/webp', data: 'UklGR' } },
          { type: 'text', text: 'What is this?' },
        ],
      },
    ])
  })
})
