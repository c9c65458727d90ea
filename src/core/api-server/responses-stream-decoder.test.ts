import { describe, expect, it } from 'vitest'
import type { PivotEvent } from './pivot.ts'
import { createResponsesStreamDecoder } from './responses-stream-decoder.ts'

function decode(events: Array<Record<string, unknown>>) {
  const decoder = createResponsesStreamDecoder({ model: 'gpt-5.4' })
  const out: PivotEvent[] = []
  for (const event of events)
    decoder.message(String(event.type), JSON.stringify(event), (e) => out.push(e))
  const complete = decoder.end((e) => out.push(e))
  const chunks = out.flatMap((e) => (e.kind === 'chunk' ? [e.chunk] : []))
  return {
    out,
    chunks,
    complete,
    deltas: chunks.map((c) => c.choices[0]?.delta),
    finish: chunks.at(-1)?.choices[0]?.finish_reason,
  }
}

describe('createResponsesStreamDecoder (§8.2 → chat chunks)', () => {
  it('turns text and reasoning deltas into chat deltas and usage into chat usage', () => {
    const { deltas, finish, out, chunks } = decode([
      { type: 'response.created', response: { id: 'R', created_at: 7, model: 'gpt-5.4-2026' } },
      { type: 'response.reasoning_summary_text.delta', delta: 'think' },
      { type: 'response.output_text.delta', delta: 'Hel' },
      { type: 'response.output_text.delta', delta: 'lo' },
      {
        type: 'response.completed',
        response: {
          usage: {
            input_tokens: 10,
            output_tokens: 5,
            input_tokens_details: { cached_tokens: 2 },
            output_tokens_details: { reasoning_tokens: 1 },
          },
        },
      },
    ])
    expect(deltas).toEqual([
      { role: 'assistant', content: '' },
      { reasoning_text: 'think' },
      { content: 'Hel' },
      { content: 'lo' },
      {},
    ])
    expect(finish).toBe('stop')
    expect(chunks[0]).toMatchObject({
      id: 'chatcmpl-R',
      created: 7,
      model: 'gpt-5.4-2026',
      object: 'chat.completion.chunk',
    })
    expect(out.at(-1)).toEqual({
      kind: 'usage',
      usage: {
        prompt_tokens: 10,
        completion_tokens: 5,
        total_tokens: 15,
        prompt_tokens_details: { cached_tokens: 2 },
        completion_tokens_details: { reasoning_tokens: 1 },
      },
    })
  })

  it('numbers function calls in order and sends arguments once, streamed or whole', () => {
    const { deltas, finish } = decode([
      { type: 'response.created', response: { id: 'R' } },
      {
        type: 'response.output_item.added',
        output_index: 1,
        item: { type: 'function_call', call_id: 'c1', name: 'a' },
      },
      { type: 'response.function_call_arguments.delta', output_index: 1, delta: '{"x":' },
      { type: 'response.function_call_arguments.delta', output_index: 1, delta: '1}' },
      {
        type: 'response.output_item.done',
        output_index: 1,
        item: { type: 'function_call', arguments: '{"x":1}' },
      },
      {
        type: 'response.output_item.added',
        output_index: 2,
        item: { type: 'function_call', call_id: 'c2', name: 'b' },
      },
      {
        type: 'response.output_item.done',
        output_index: 2,
        item: { type: 'function_call', arguments: '{}' },
      },
      { type: 'response.completed', response: {} },
    ])
    const calls = deltas.flatMap((d) => d?.tool_calls ?? [])
    expect(calls).toEqual([
      { index: 0, id: 'c1', type: 'function', function: { name: 'a', arguments: '' } },
      { index: 0, function: { arguments: '{"x":' } },
      { index: 0, function: { arguments: '1}' } },
      { index: 1, id: 'c2', type: 'function', function: { name: 'b', arguments: '' } },
      { index: 1, function: { arguments: '{}' } },
    ])
    expect(finish).toBe('tool_calls')
  })

  it('maps incomplete answers and failures', () => {
    expect(
      decode([
        {
          type: 'response.incomplete',
          response: { incomplete_details: { reason: 'max_output_tokens' } },
        },
      ]).finish,
    ).toBe('length')
    const failed = decode([
      { type: 'response.failed', response: { error: { code: 'server_error', message: 'broke' } } },
    ])
    expect(failed.out.at(-1)).toEqual({
      kind: 'error',
      error: { message: 'broke', code: 'server_error' },
    })
    expect(failed.complete).toBe(true)
    expect(decode([{ type: 'response.output_text.delta', delta: 'a' }]).complete).toBe(false)
  })
})
