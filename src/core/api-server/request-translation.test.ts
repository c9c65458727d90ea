import { describe, expect, it } from 'vitest'
import { anthropicToChatRequest } from './anthropic-to-chat-request.ts'
import { ApiFailure } from './api-error.ts'
import { chatToResponsesRequest } from './chat-to-responses-request.ts'
import { responsesToChatRequest } from './responses-to-chat-request.ts'

describe('chatToResponsesRequest (§8.1)', () => {
  it('maps messages, tools, limits, effort and format', () => {
    const body = chatToResponsesRequest({
      model: 'gpt-5.4',
      messages: [
        { role: 'system', content: 'Be brief.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Look' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,AA' } },
          ],
        },
        {
          role: 'assistant',
          content: 'Checking.',
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: [{ type: 'text', text: 'ok' }] },
      ],
      tools: [
        {
          type: 'function',
          function: { name: 'f', description: 'F', parameters: { type: 'object' } },
        },
      ],
      tool_choice: { type: 'function', function: { name: 'f' } },
      max_tokens: 100,
      reasoning_effort: 'low',
      response_format: {
        type: 'json_schema',
        json_schema: { name: 's', schema: { type: 'object' }, strict: true },
      },
      stop: ['x'],
    })
    expect(body).toEqual({
      model: 'gpt-5.4',
      stream: true,
      store: false,
      max_output_tokens: 100,
      input: [
        { role: 'system', content: [{ type: 'input_text', text: 'Be brief.' }] },
        {
          role: 'user',
          content: [
            { type: 'input_text', text: 'Look' },
            { type: 'input_image', image_url: 'data:image/png;base64,AA', detail: 'auto' },
          ],
        },
        {
          type: 'message',
          role: 'assistant',
          status: 'completed',
          content: [{ type: 'output_text', text: 'Checking.', annotations: [] }],
        },
        { type: 'function_call', call_id: 'call_1', name: 'f', arguments: '{"a":1}' },
        { type: 'function_call_output', call_id: 'call_1', output: 'ok' },
      ],
      tools: [{ type: 'function', name: 'f', description: 'F', parameters: { type: 'object' } }],
      tool_choice: { type: 'function', name: 'f' },
      reasoning: { effort: 'low' },
      text: {
        format: { type: 'json_schema', name: 's', schema: { type: 'object' }, strict: true },
      },
    })
  })

  it('refuses what responses cannot express with a 400', () => {
    const fails = (body: Record<string, unknown>) => {
      try {
        chatToResponsesRequest(body)
      } catch (thrown) {
        return thrown instanceof ApiFailure ? thrown.apiError.status : 'other'
      }
      return 'passed'
    }
    expect(fails({ messages: [], n: 2 })).toBe(400)
    expect(fails({ messages: [{ role: 'user', content: [{ type: 'input_audio' }] }] })).toBe(400)
    expect(fails({ messages: [], tools: [{ type: 'custom', custom: {} }] })).toBe(400)
  })
})

describe('anthropicToChatRequest (§9 → §7.1)', () => {
  it('maps system, blocks, tool use and results, images, tools and choices', () => {
    const body = anthropicToChatRequest({
      model: 'gemini-2.5-pro',
      max_tokens: 50,
      system: [
        { type: 'text', text: 'A' },
        { type: 'text', text: 'B' },
      ],
      stop_sequences: ['END'],
      tools: [{ name: 't', description: 'T', input_schema: { type: 'object' } }],
      tool_choice: { type: 'tool', name: 't', disable_parallel_tool_use: true },
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'hi' },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AA' } },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'ok' },
            { type: 'tool_use', id: 'tu', name: 't', input: { q: 1 } },
          ],
        },
        {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              tool_use_id: 'tu',
              content: [{ type: 'text', text: 'res' }],
              is_error: true,
            },
            { type: 'text', text: 'go on' },
          ],
        },
      ],
    })
    expect(body).toEqual({
      model: 'gemini-2.5-pro',
      stream: true,
      stream_options: { include_usage: true },
      max_tokens: 50,
      stop: ['END'],
      messages: [
        { role: 'system', content: 'A\n\nB' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'hi' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,AA' } },
          ],
        },
        {
          role: 'assistant',
          content: 'ok',
          tool_calls: [
            { id: 'tu', type: 'function', function: { name: 't', arguments: '{"q":1}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'tu', content: 'Error: res' },
        { role: 'user', content: [{ type: 'text', text: 'go on' }] },
      ],
      tools: [
        {
          type: 'function',
          function: { name: 't', description: 'T', parameters: { type: 'object' } },
        },
      ],
      tool_choice: { type: 'function', function: { name: 't' } },
      parallel_tool_calls: false,
    })
  })

  it('refuses server tools and documents', () => {
    expect(() =>
      anthropicToChatRequest({
        messages: [],
        tools: [{ type: 'web_search_20250305', name: 'web_search' }],
      }),
    ).toThrow(ApiFailure)
    expect(() =>
      anthropicToChatRequest({
        messages: [{ role: 'user', content: [{ type: 'document', source: {} }] }],
      }),
    ).toThrow(/document/)
  })
})

describe('responsesToChatRequest (§8.1 → §7.1)', () => {
  it('maps instructions, items, consecutive calls and tools', () => {
    const body = responsesToChatRequest({
      model: 'gemini-2.5-pro',
      instructions: 'Sys',
      input: [
        {
          role: 'user',
          content: [
            { type: 'input_text', text: 'q' },
            { type: 'input_image', image_url: 'data:x', detail: 'low' },
          ],
        },
        { type: 'reasoning', id: 'r', summary: [] },
        { type: 'function_call', call_id: 'c1', name: 'f', arguments: '{}' },
        { type: 'function_call', call_id: 'c2', name: 'g', arguments: '{}' },
        { type: 'function_call_output', call_id: 'c1', output: 'one' },
        { type: 'function_call_output', call_id: 'c2', output: 'two' },
      ],
      tools: [{ type: 'function', name: 'f', parameters: { type: 'object' }, strict: true }],
      tool_choice: { type: 'function', name: 'f' },
      max_output_tokens: 9,
      text: { format: { type: 'json_schema', name: 's', schema: {} } },
    })
    expect(body).toMatchObject({
      max_tokens: 9,
      messages: [
        { role: 'system', content: 'Sys' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'q' },
            { type: 'image_url', image_url: { url: 'data:x', detail: 'low' } },
          ],
        },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } },
            { id: 'c2', type: 'function', function: { name: 'g', arguments: '{}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'c1', content: 'one' },
        { role: 'tool', tool_call_id: 'c2', content: 'two' },
      ],
      tools: [
        { type: 'function', function: { name: 'f', parameters: { type: 'object' }, strict: true } },
      ],
      tool_choice: { type: 'function', function: { name: 'f' } },
      response_format: { type: 'json_schema', json_schema: { name: 's', schema: {} } },
    })
  })

  it('refuses previous_response_id and built-in tools', () => {
    expect(() => responsesToChatRequest({ input: 'x', previous_response_id: 'r' })).toThrow(
      /whole conversation/,
    )
    expect(() => responsesToChatRequest({ input: 'x', tools: [{ type: 'web_search' }] })).toThrow(
      ApiFailure,
    )
  })
})
