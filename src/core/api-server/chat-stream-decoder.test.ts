import { describe, expect, it } from 'vitest'
import { createChatStreamDecoder } from './chat-stream-decoder.ts'
import type { ChatChunk, PivotEvent } from './pivot.ts'

function decode(chunks: unknown[], options = { model: 'm' }) {
  const decoder = createChatStreamDecoder(options)
  const events: PivotEvent[] = []
  let ended = false
  for (const chunk of chunks) {
    const data = typeof chunk === 'string' ? chunk : JSON.stringify(chunk)
    if (decoder.message(undefined, data, (event) => events.push(event))) ended = true
  }
  const complete = decoder.end((event) => events.push(event))
  const out = events.flatMap((event) => (event.kind === 'chunk' ? [event.chunk] : []))
  return { events, chunks: out, ended, complete }
}

const delta = (chunk: ChatChunk | undefined) => chunk?.choices[0]?.delta

describe('createChatStreamDecoder (§7.2, §12)', () => {
  it('drops the prompt-filter chunk and fills in object, model, id and created', () => {
    const { chunks } = decode([
      { choices: [], created: 0, id: '', prompt_filter_results: [{}] },
      { choices: [{ index: 0, delta: { content: '', role: 'assistant' } }], created: 5, id: 'c1' },
      { choices: [{ index: 0, delta: { content: 'Hi' } }], created: 5, id: 'c1' },
      '[DONE]',
    ])
    expect(chunks).toHaveLength(2)
    for (const chunk of chunks) {
      expect(chunk).toMatchObject({
        object: 'chat.completion.chunk',
        model: 'm',
        id: 'c1',
        created: 5,
      })
    }
  })

  it('moves usage out of the chunks and reports the last one at the end', () => {
    const zero = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 }
    const real = { prompt_tokens: 9, completion_tokens: 3, total_tokens: 12 }
    const { events, chunks } = decode([
      { id: 'g', choices: [{ index: 0, delta: { content: 'a' } }], usage: zero },
      { id: 'g', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }], usage: real },
    ])
    expect(chunks.every((chunk) => !('usage' in chunk))).toBe(true)
    expect(events.filter((event) => event.kind === 'usage')).toEqual([
      { kind: 'usage', usage: real },
    ])
  })

  it('keys tool calls by id: a repeated index with a new id is a new call (§7.3)', () => {
    const { chunks } = decode([
      {
        id: 'x',
        choices: [
          {
            index: 0,
            delta: { tool_calls: [{ index: 1, id: 'a', function: { name: 'f', arguments: '' } }] },
          },
        ],
      },
      {
        id: 'x',
        choices: [
          { index: 0, delta: { tool_calls: [{ index: 1, function: { arguments: '{}' } }] } },
        ],
      },
      {
        id: 'x',
        choices: [
          {
            index: 0,
            delta: { tool_calls: [{ index: 1, id: 'b', function: { name: 'g', arguments: '' } }] },
          },
        ],
      },
      {
        id: 'x',
        choices: [
          { index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '{"k":1}' } }] } },
        ],
      },
      { id: 'x', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] },
    ])
    const calls = chunks.flatMap((chunk) => delta(chunk)?.tool_calls ?? [])
    expect(calls.map((call) => [call.index, call.id ?? null, call.function?.arguments])).toEqual([
      [0, 'a', ''],
      [0, null, '{}'],
      [1, 'b', ''],
      [1, null, '{"k":1}'],
    ])
    expect(calls[0]?.type).toBe('function')
    // §7.3: tool calls are authoritative over a `stop` finish.
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('tool_calls')
  })

  it('gives the first delta a role and folds split choices into choice 0 when one was asked', () => {
    const { chunks } = decode([
      { id: 'x', choices: [{ index: 1, delta: { content: 'a' } }] },
      { id: 'x', choices: [{ index: 2, delta: { content: 'b' } }] },
    ])
    expect(chunks.map((chunk) => chunk.choices[0]?.index)).toEqual([0, 0])
    expect(delta(chunks[0])?.role).toBe('assistant')
    expect(delta(chunks[1])?.role).toBeUndefined()
  })

  it('ends on [DONE] or a finish reason, reports an error chunk, and knows a cut stream', () => {
    expect(decode([{ id: 'x', choices: [{ index: 0, delta: { content: 'a' } }] }]).complete).toBe(
      false,
    )
    expect(
      decode([{ id: 'x', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }]).complete,
    ).toBe(true)
    const failed = decode([{ error: { message: 'boom', code: 'server_error' } }])
    expect(failed.ended).toBe(true)
    expect(failed.complete).toBe(true)
    expect(failed.events).toEqual([
      { kind: 'error', error: { message: 'boom', code: 'server_error' } },
    ])
    expect(decode(['not json', '[DONE]']).chunks).toEqual([])
  })
})
