import { describe, expect, it } from 'vitest'
import { createAnthropicCollector, createAnthropicEncoder } from './anthropic-client.ts'
import { createChatCollector, createChatEncoder } from './chat-client.ts'
import type { ChatChunk, ChunkDelta, PivotEvent } from './pivot.ts'
import { createResponsesCollector } from './responses-client.ts'

const chunk = (delta: ChunkDelta, finish: string | null = null): PivotEvent => ({
  kind: 'chunk',
  chunk: {
    id: 'c',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'm',
    choices: [{ index: 0, delta, finish_reason: finish }],
  } satisfies ChatChunk,
})
const usage: PivotEvent = {
  kind: 'usage',
  usage: {
    prompt_tokens: 10,
    completion_tokens: 4,
    total_tokens: 14,
    prompt_tokens_details: { cached_tokens: 3 },
  },
}
const toolTurn = [
  chunk({ role: 'assistant', content: 'Hi' }),
  chunk({
    tool_calls: [
      { index: 0, id: 't1', type: 'function', function: { name: 'f', arguments: '{"a"' } },
    ],
  }),
  chunk({ tool_calls: [{ index: 0, function: { arguments: ':1}' } }] }),
  chunk({}, 'tool_calls'),
  usage,
]

/** The SSE events of a stream as parsed JSON. */
const parse = (sse: string) =>
  sse
    .split('\n\n')
    .filter(Boolean)
    .map(
      (event) =>
        event
          .split('\n')
          .find((line) => line.startsWith('data: '))
          ?.slice(6) ?? '',
    )

describe('chat encoder and collector', () => {
  it('writes usage only when asked, as a last choices-less chunk, then [DONE]', () => {
    for (const includeUsage of [true, false]) {
      const encoder = createChatEncoder({ includeUsage })
      const data = parse(toolTurn.map((event) => encoder.event(event)).join('') + encoder.end())
      expect(data.at(-1)).toBe('[DONE]')
      const withUsage = data
        .slice(0, -1)
        .map((text) => JSON.parse(text) as Record<string, unknown>)
        .filter((c) => c.usage)
      expect(withUsage).toEqual(
        includeUsage ? [expect.objectContaining({ choices: [], usage: expect.any(Object) })] : [],
      )
    }
  })

  it('gathers a completion with tool calls', () => {
    const collector = createChatCollector('m')
    toolTurn.forEach((event) => collector.event(event))
    expect(collector.result()).toMatchObject({
      body: {
        object: 'chat.completion',
        choices: [
          {
            message: {
              content: 'Hi',
              tool_calls: [{ id: 't1', function: { name: 'f', arguments: '{"a":1}' } }],
            },
            finish_reason: 'tool_calls',
          },
        ],
        usage: { prompt_tokens: 10 },
      },
    })
  })
})

describe('Anthropic encoder and collector', () => {
  it('emits sequential blocks with matching indexes and a tool_use stop', () => {
    const encoder = createAnthropicEncoder({ model: 'm', thinking: false })
    const events = parse(
      toolTurn.map((event) => encoder.event(event)).join('') + encoder.end(),
    ).map((text) => JSON.parse(text) as Record<string, unknown>)
    expect(events.map((event) => [event.type, event.index ?? null])).toEqual([
      ['message_start', null],
      ['content_block_start', 0],
      ['content_block_delta', 0],
      ['content_block_stop', 0],
      ['content_block_start', 1],
      ['content_block_delta', 1],
      ['content_block_delta', 1],
      ['content_block_stop', 1],
      ['message_delta', null],
      ['message_stop', null],
    ])
    // Cached prompt tokens are counted apart, as Anthropic does.
    expect(events.at(-2)).toMatchObject({
      delta: { stop_reason: 'tool_use' },
      usage: { input_tokens: 7, output_tokens: 4, cache_read_input_tokens: 3 },
    })
  })

  it('gathers a message with parsed tool input, and maps length to max_tokens', () => {
    const collector = createAnthropicCollector({ model: 'm', thinking: false })
    toolTurn.forEach((event) => collector.event(event))
    expect(collector.result()).toMatchObject({
      body: {
        type: 'message',
        content: [
          { type: 'text', text: 'Hi' },
          { type: 'tool_use', id: 't1', name: 'f', input: { a: 1 } },
        ],
        stop_reason: 'tool_use',
      },
    })
    const cut = createAnthropicCollector({ model: 'm', thinking: false })
    ;[chunk({ content: 'x' }), chunk({}, 'length')].forEach((event) => cut.event(event))
    expect(cut.result()).toMatchObject({ body: { stop_reason: 'max_tokens' } })
  })

  it('reports a stream failure instead of a message', () => {
    const collector = createAnthropicCollector({ model: 'm', thinking: false })
    collector.event(chunk({ content: 'x' }))
    collector.event({ kind: 'error', error: { message: 'gone' } })
    expect(collector.result()).toEqual({ error: { message: 'gone' } })
  })
})

describe('responses collector', () => {
  it('builds a completed response whose items keep their ids', () => {
    const collector = createResponsesCollector({ model: 'm', request: {} })
    toolTurn.forEach((event) => collector.event(event))
    const result = collector.result()
    expect(result).toMatchObject({
      body: {
        object: 'response',
        status: 'completed',
        output: [
          { type: 'message', status: 'completed', content: [{ type: 'output_text', text: 'Hi' }] },
          {
            type: 'function_call',
            call_id: 't1',
            name: 'f',
            arguments: '{"a":1}',
            status: 'completed',
          },
        ],
        usage: { input_tokens: 10, output_tokens: 4, input_tokens_details: { cached_tokens: 3 } },
      },
    })
  })
})
