import { describe, expect, it } from 'vitest'
import type { ModelRoute } from './model-route.ts'
import { pieces, sentBody, sentHeaders, sse } from './testing/scripted-copilot.ts'
import { createScriptedAnswer, imageTurn } from './testing/scripted-answer.ts'

const route: ModelRoute = {
  id: 'gpt-5.4',
  endpoint: 'responses',
  streaming: true,
  maxOutputTokens: 128_000,
  reasoningEfforts: ['low', 'medium', 'high'],
}

/** Streams an answer whose body is made of exactly these pieces. */
const answer = createScriptedAnswer(route)

const textDelta = (delta: string) => ({
  type: 'response.output_text.delta',
  item_id: 'msg1',
  output_index: 1,
  content_index: 0,
  delta,
})
const reasoningDelta = (delta: string) => ({
  type: 'response.reasoning_summary_text.delta',
  item_id: 'rs1',
  output_index: 0,
  summary_index: 0,
  delta,
})
const usage = {
  input_tokens: 120,
  input_tokens_details: { cached_tokens: 100 },
  output_tokens: 50,
  output_tokens_details: { reasoning_tokens: 20 },
  total_tokens: 170,
}
const completed = (extra: Record<string, unknown> = {}) => ({
  type: 'response.completed',
  response: { id: 'opaque', status: 'completed', output: [], usage, ...extra },
})

describe('responses on the wire (§8.2)', () => {
  it('streams text until response.completed and reads its usage', async () => {
    const { outcome, events } = answer(
      pieces(
        sse({ type: 'response.created', response: { id: 'opaque', status: 'in_progress' } }),
        sse(textDelta('Hel'), textDelta('lo')),
        sse(completed()),
      ),
    )
    expect(await outcome).toEqual({
      finishReason: 'stop',
      usage: { promptTokens: 120, completionTokens: 50, cachedTokens: 100, reasoningTokens: 20 },
    })
    expect(events.text).toBe('Hello')
  })

  it('reads CRLF line endings', async () => {
    const crlf = sse(textDelta('one'), completed()).replaceAll('\n', '\r\n')
    const { outcome, events } = answer(pieces(crlf))
    expect((await outcome).finishReason).toBe('stop')
    expect(events.text).toBe('one')
  })

  it('reads events by their `event:` line when the JSON has no type', async () => {
    const { outcome, events } = answer(
      pieces(
        `event: response.output_text.delta\ndata: ${JSON.stringify({ delta: 'named' })}\n\n`,
        `event: response.completed\ndata: ${JSON.stringify({ response: { usage } })}\n\n`,
      ),
    )
    await outcome
    expect(events.text).toBe('named')
  })

  it('joins a multi-byte character split across reads', async () => {
    const bytes = new TextEncoder().encode(sse(textDelta('naïve 😀 ok')))
    const cut = bytes.indexOf(0xf0) + 2 // inside the emoji
    const { outcome, events } = answer(
      pieces(bytes.slice(0, cut), bytes.slice(cut), sse(completed())),
    )
    await outcome
    expect(events.text).toBe('naïve 😀 ok')
  })

  it('calls a stream without response.completed cut off, keeping the text', async () => {
    const { outcome, events } = answer(pieces(sse(textDelta('half'))))
    await expect(outcome).rejects.toMatchObject({
      error: { kind: 'network', message: expect.stringMatching(/dropped/) },
    })
    expect(events.text).toBe('half')
  })

  it('ends at response.incomplete: max_output_tokens is `length`', async () => {
    const { outcome } = answer(
      pieces(
        sse(textDelta('long')),
        sse({
          type: 'response.incomplete',
          response: {
            status: 'incomplete',
            incomplete_details: { reason: 'max_output_tokens' },
            usage,
          },
        }),
      ),
    )
    expect((await outcome).finishReason).toBe('length')
  })

  it('reports response.incomplete for content_filter as the content-filter failure', async () => {
    const { outcome, events } = answer(
      pieces(
        sse(textDelta('some')),
        sse({
          type: 'response.incomplete',
          response: { status: 'incomplete', incomplete_details: { reason: 'content_filter' } },
        }),
      ),
    )
    await expect(outcome).rejects.toMatchObject({
      error: { kind: 'upstream', message: expect.stringMatching(/content filter/) },
    })
    expect(events.text).toBe('some')
  })

  it('fails on response.failed with its message', async () => {
    const { outcome, events } = answer(
      pieces(
        sse(textDelta('partial')),
        sse({
          type: 'response.failed',
          response: {
            status: 'failed',
            error: { code: 'server_error', message: 'The model crashed' },
          },
        }),
        sse(textDelta('never')),
      ),
    )
    await expect(outcome).rejects.toMatchObject({
      error: { kind: 'upstream', message: expect.stringMatching(/The model crashed/) },
    })
    expect(events.text).toBe('partial')
  })

  it('fails on an error event, naming a too-long context as such', async () => {
    const { outcome } = answer(
      pieces(
        sse({
          type: 'error',
          code: 'context_length_exceeded',
          message: 'Your input exceeds the context window of this model.',
        }),
      ),
    )
    await expect(outcome).rejects.toMatchObject({
      error: { kind: 'context_too_long', message: expect.stringMatching(/Start a new chat/) },
    })
  })

  it('delivers streamed reasoning summaries as reasoning', async () => {
    const { outcome, events } = answer(
      pieces(
        sse(reasoningDelta('Weighing '), reasoningDelta('options.')),
        sse({
          type: 'response.output_item.done',
          item: {
            type: 'reasoning',
            id: 'rs1',
            summary: [{ type: 'summary_text', text: 'Weighing options.' }],
          },
        }),
        sse(textDelta('Answer')),
        sse(completed()),
      ),
    )
    await outcome
    expect(events.events).toEqual([
      { type: 'reasoning', text: 'Weighing ' },
      { type: 'reasoning', text: 'options.' },
      { type: 'text', text: 'Answer' },
    ])
  })

  it('delivers a reasoning summary that only came in the finished item (§8.2)', async () => {
    const { outcome, events } = answer(
      pieces(
        sse({
          type: 'response.output_item.done',
          item: {
            type: 'reasoning',
            id: 'rs1',
            summary: [{ type: 'summary_text', text: 'Only at the end.' }],
            encrypted_content: 'opaque',
          },
        }),
        sse(textDelta('Answer')),
        sse(completed()),
      ),
    )
    await outcome
    expect(events.reasoning).toBe('Only at the end.')
    expect(events.text).toBe('Answer')
  })

  it('leaves reasoning out when the person turned it off', async () => {
    const { outcome, events } = answer(
      pieces(sse(reasoningDelta('hidden'), textDelta('shown'), completed())),
      {
        showReasoning: false,
      },
    )
    await outcome
    expect(events.events).toEqual([{ type: 'text', text: 'shown' }])
  })

  it('reads a non-streaming answer: reasoning summary, message text, usage', async () => {
    const body = JSON.stringify({
      id: 'opaque',
      status: 'completed',
      error: null,
      output: [
        { type: 'reasoning', summary: [{ type: 'summary_text', text: 'Short think.' }] },
        {
          type: 'message',
          role: 'assistant',
          content: [
            { type: 'output_text', text: 'Whole ' },
            { type: 'output_text', text: 'answer.' },
          ],
        },
      ],
      usage,
    })
    const { outcome, events } = answer(body, { headers: { 'Content-Type': 'application/json' } })
    expect(await outcome).toMatchObject({ finishReason: 'stop', usage: { promptTokens: 120 } })
    expect(events.events).toEqual([
      { type: 'reasoning', text: 'Short think.' },
      { type: 'text', text: 'Whole answer.' },
    ])
  })
})

describe('responses request (§8.1)', () => {
  it('sends instructions, input items, store:false, the output cap and a reasoning summary', async () => {
    const { outcome, requests } = answer(pieces(sse(completed())), {
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: 'hello' },
        { role: 'user', content: 'again' },
      ],
    })
    await outcome
    expect(requests[0]?.url).toBe('https://copilot.test/responses')
    expect(sentBody(requests[0])).toEqual({
      model: 'gpt-5.4',
      instructions: 'Be brief.',
      input: [
        { role: 'user', content: [{ type: 'input_text', text: 'hi' }] },
        {
          type: 'message',
          role: 'assistant',
          status: 'completed',
          content: [{ type: 'output_text', text: 'hello' }],
        },
        { role: 'user', content: [{ type: 'input_text', text: 'again' }] },
      ],
      stream: true,
      store: false,
      max_output_tokens: 128_000,
      reasoning: { effort: 'medium', summary: 'auto' },
    })
    expect(sentHeaders(requests[0]).get('openai-intent')).toBe('conversation-panel')
  })

  it('takes the first listed effort when medium is not offered', async () => {
    const { outcome, requests } = answer(pieces(sse(completed())), {
      route: { ...route, reasoningEfforts: ['none', 'low', 'high'] },
    })
    await outcome
    expect(sentBody(requests[0]).reasoning).toEqual({ effort: 'none', summary: 'auto' })
  })

  it('asks for no reasoning when the person turned it off or the model takes no effort', async () => {
    const off = answer(pieces(sse(completed())), { showReasoning: false })
    await off.outcome
    expect(sentBody(off.requests[0])).not.toHaveProperty('reasoning')
    const none = answer(pieces(sse(completed())), {
      route: { id: 'gpt-5-mini', endpoint: 'responses', streaming: true },
    })
    await none.outcome
    expect(sentBody(none.requests[0])).not.toHaveProperty('reasoning')
    expect(sentBody(none.requests[0])).not.toHaveProperty('max_output_tokens')
  })

  it('sends images as input_image data URLs with the vision header', async () => {
    const { outcome, requests } = answer(pieces(sse(completed())), {
      messages: imageTurn('Describe', { mediaType: 'image/jpeg', base64: '/9j/4AAQ' }),
    })
    await outcome
    expect(sentHeaders(requests[0]).get('copilot-vision-request')).toBe('true')
    expect(sentBody(requests[0]).input).toEqual([
      {
        role: 'user',
        content: [
          { type: 'input_text', text: 'Describe' },
          { type: 'input_image', image_url: 'data:image/jpeg;base64,/9j/4AAQ', detail: 'auto' },
        ],
      },
    ])
  })

  it('asks a non-streaming model for JSON within its non-streaming cap', async () => {
    const { outcome, requests } = answer(JSON.stringify({ status: 'completed', output: [] }), {
      headers: { 'Content-Type': 'application/json' },
      route: { ...route, streaming: false, maxNonStreamingOutputTokens: 16_000 },
    })
    await outcome
    expect(sentBody(requests[0])).toMatchObject({ stream: false, max_output_tokens: 16_000 })
    expect(sentHeaders(requests[0]).get('accept')).toBe('application/json')
  })
})
