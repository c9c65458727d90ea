import { afterEach, describe, expect, it } from 'vitest'
import {
  eventStream,
  inTurn,
  scriptedCopilot,
  sentBody,
  sentHeaders,
  sse,
  type ScriptedRequest,
} from '../copilot/testing/scripted-copilot.ts'
import { startApi, staticModels, type ApiUnderTest } from './testing/harness.ts'

// Byte-exact Copilot answers the fake upstream does not produce: tool calls in each route's
// shape, with the quirks of §7.3 (Claude's repeated index, split choices).

let api: ApiUnderTest | undefined
afterEach(() => api?.close())

const models = staticModels([
  { id: 'claude-sonnet-4.5', endpoints: ['chat_completions', 'messages'] },
  { id: 'gemini-3-pro', endpoints: ['chat_completions'] },
  { id: 'gpt-5.4', endpoints: ['responses'] },
  { id: 'text-embedding-3-small', endpoints: [], kind: 'embeddings' },
])

const tools = [
  {
    type: 'function' as const,
    function: {
      name: 'read_file',
      description: 'Reads a file',
      parameters: { type: 'object', properties: { path: { type: 'string' } } },
    },
  },
]

/** An API whose Copilot answers with these responses in turn, the last one from then on. */
async function serve(...answers: Array<() => Response>) {
  const script = scriptedCopilot(inTurn(...answers))
  api = await startApi({ copilot: script.deps, models })
  return { api, requests: script.requests }
}

const streamOf =
  (...events: Array<Record<string, unknown>>) =>
  () =>
    new Response(`${sse(...events)}data: [DONE]\n\n`, { headers: eventStream })
const namedStream =
  (...events: Array<Record<string, unknown>>) =>
  () =>
    new Response(sse(...events), { headers: eventStream })

/** One Claude chunk with a tool-call delta; Claude says `index: 0` for every call (§7.3). */
const claudeToolDelta = (call: Record<string, unknown>) => ({
  id: 'u1',
  choices: [{ index: 0, delta: { role: 'assistant', tool_calls: [{ index: 0, ...call }] } }],
})
const readFileCall = (id: string) => ({
  id,
  type: 'function',
  function: { name: 'read_file', arguments: '' },
})

/** Claude via chat completions: two parallel calls that both say `index: 0` (§7.3). */
const claudeTwoCalls = streamOf(
  {
    id: 'u1',
    model: 'claude-sonnet-4.5',
    choices: [{ index: 0, delta: { role: 'assistant', content: 'Reading both.' } }],
  },
  claudeToolDelta(readFileCall('toolu_a')),
  claudeToolDelta({ function: { arguments: '{"path":"a.txt"}' } }),
  claudeToolDelta(readFileCall('toolu_b')),
  claudeToolDelta({ function: { arguments: '{"path":"b.txt"}' } }),
  {
    id: 'u1',
    choices: [
      { index: 0, delta: { role: 'assistant', content: null }, finish_reason: 'tool_calls' },
    ],
    usage: { prompt_tokens: 50, completion_tokens: 20, total_tokens: 70 },
  },
)

/** GPT-5's `read_file` call as a responses output item, with the arguments it has so far. */
const gptReadFile = (args: string) => ({
  id: 'fc1',
  type: 'function_call',
  call_id: 'call_9',
  name: 'read_file',
  arguments: args,
})
const argumentsDelta = (delta: string) => ({
  type: 'response.function_call_arguments.delta',
  output_index: 0,
  item_id: 'fc1',
  delta,
})

const upstreamBody = (requests: ScriptedRequest[], at = -1) => sentBody(requests.at(at))

describe('tool calls for chat-completions clients', () => {
  it('re-keys Claude parallel calls by id so the SDK sees two calls, not one merged', async () => {
    const { api } = await serve(claudeTwoCalls)
    const done = await api.openai.chat.completions
      .stream({
        model: 'claude-sonnet-4.5',
        messages: [{ role: 'user', content: 'read a and b' }],
        tools,
      })
      .finalChatCompletion()
    const message = done.choices[0]?.message
    expect(message?.content).toBe('Reading both.')
    expect(
      message?.tool_calls?.map(
        (call) => call.type === 'function' && [call.id, call.function.arguments],
      ),
    ).toEqual([
      ['toolu_a', '{"path":"a.txt"}'],
      ['toolu_b', '{"path":"b.txt"}'],
    ])
    expect(done.choices[0]?.finish_reason).toBe('tool_calls')
  })

  it('merges Claude split choices of a non-streamed answer (§7.4)', async () => {
    const { api } = await serve(() =>
      Response.json({
        id: 'u2',
        model: 'Claude Sonnet 4.5',
        choices: [
          { finish_reason: 'tool_calls', message: { role: 'assistant', content: 'Let me look.' } },
          {
            finish_reason: 'tool_calls',
            message: {
              role: 'assistant',
              tool_calls: [
                {
                  id: 'toolu_c',
                  type: 'function',
                  function: { name: 'read_file', arguments: '{}' },
                },
              ],
            },
          },
        ],
        usage: { prompt_tokens: 5, completion_tokens: 5, total_tokens: 10 },
      }),
    )
    const completion = await api.openai.chat.completions.create({
      model: 'claude-sonnet-4.5',
      messages: [{ role: 'user', content: 'look' }],
      tools,
    })
    expect(completion.choices).toHaveLength(1)
    expect(completion.choices[0]).toMatchObject({
      index: 0,
      finish_reason: 'tool_calls',
      message: { content: 'Let me look.', tool_calls: [{ id: 'toolu_c' }] },
    })
  })

  it('runs a tool round trip with a responses-only model (GPT-5)', async () => {
    const { api, requests } = await serve(
      namedStream(
        {
          type: 'response.created',
          response: { id: 'opaqueR1', created_at: 1, model: 'gpt-5.4', output: [] },
        },
        { type: 'response.output_item.added', output_index: 0, item: gptReadFile('') },
        argumentsDelta('{"path":'),
        argumentsDelta('"c.txt"}'),
        {
          type: 'response.output_item.done',
          output_index: 0,
          item: gptReadFile('{"path":"c.txt"}'),
        },
        {
          type: 'response.completed',
          response: {
            id: 'opaqueR1',
            status: 'completed',
            usage: { input_tokens: 30, output_tokens: 9 },
          },
        },
      ),
      namedStream(
        { type: 'response.created', response: { id: 'opaqueR2', model: 'gpt-5.4', output: [] } },
        { type: 'response.output_text.delta', output_index: 0, delta: 'It says hi.' },
        {
          type: 'response.completed',
          response: {
            id: 'opaqueR2',
            status: 'completed',
            usage: { input_tokens: 40, output_tokens: 4 },
          },
        },
      ),
    )
    const first = await api.openai.chat.completions
      .stream({
        model: 'gpt-5.4',
        messages: [{ role: 'user', content: 'read c' }],
        tools,
        tool_choice: 'auto',
      })
      .finalChatCompletion()
    const call = first.choices[0]?.message.tool_calls?.[0]
    expect(call).toMatchObject({
      id: 'call_9',
      function: { name: 'read_file', arguments: '{"path":"c.txt"}' },
    })
    expect(first.choices[0]?.finish_reason).toBe('tool_calls')
    expect(upstreamBody(requests, 0)).toMatchObject({
      tools: [{ type: 'function', name: 'read_file', parameters: { type: 'object' } }],
      tool_choice: 'auto',
      input: [{ role: 'user', content: [{ type: 'input_text', text: 'read c' }] }],
    })

    const second = await api.openai.chat.completions.create({
      model: 'gpt-5.4',
      tools,
      messages: [
        { role: 'user', content: 'read c' },
        first.choices[0]!.message,
        { role: 'tool', tool_call_id: 'call_9', content: 'hi' },
      ],
    })
    expect(second.choices[0]?.message.content).toBe('It says hi.')
    expect(second.usage).toMatchObject({ prompt_tokens: 40, completion_tokens: 4 })
    expect(upstreamBody(requests).input).toEqual([
      { role: 'user', content: [{ type: 'input_text', text: 'read c' }] },
      {
        type: 'function_call',
        call_id: 'call_9',
        name: 'read_file',
        arguments: '{"path":"c.txt"}',
      },
      { type: 'function_call_output', call_id: 'call_9', output: 'hi' },
    ])
    expect(sentHeaders(requests.at(-1)).get('x-initiator')).toBe('agent')
  })
})

/** Gemini 3 via chat completions: the whole call, the finish and the opaque reasoning at once. */
const geminiCall = streamOf(
  {
    id: 'g1',
    model: 'gemini-3-pro',
    choices: [
      { index: 0, delta: { role: 'assistant', content: null, reasoning_text: 'Need the file.' } },
    ],
    usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
  },
  {
    id: 'g1',
    model: 'gemini-3-pro',
    choices: [
      {
        index: 0,
        finish_reason: 'tool_calls',
        delta: {
          role: 'assistant',
          content: null,
          reasoning_opaque: 'OPAQUE-BLOB',
          tool_calls: [
            {
              index: 0,
              id: 'call_g',
              type: 'function',
              function: { name: 'read_file', arguments: '{"path":"d.txt"}' },
            },
          ],
        },
      },
    ],
    usage: { prompt_tokens: 60, completion_tokens: 12, total_tokens: 72 },
  },
)

describe('tool calls for Anthropic clients on a chat-only model (Gemini)', () => {
  it('streams a tool_use block and sends the result back as a tool message with the reasoning', async () => {
    const { api, requests } = await serve(
      geminiCall,
      streamOf(
        { id: 'g2', choices: [{ index: 0, delta: { role: 'assistant', content: 'Done.' } }] },
        {
          id: 'g2',
          choices: [{ index: 0, delta: {}, finish_reason: 'stop' }],
          usage: { prompt_tokens: 80, completion_tokens: 2, total_tokens: 82 },
        },
      ),
    )
    const anthropicTools = [
      {
        name: 'read_file',
        description: 'Reads a file',
        input_schema: { type: 'object' as const, properties: { path: { type: 'string' } } },
      },
    ]
    const first = await api.anthropic.messages
      .stream({
        model: 'gemini-3-pro',
        max_tokens: 500,
        thinking: { type: 'enabled', budget_tokens: 1024 },
        tools: anthropicTools,
        tool_choice: { type: 'any' },
        messages: [{ role: 'user', content: 'read d' }],
      })
      .finalMessage()
    expect(first.stop_reason).toBe('tool_use')
    expect(first.usage).toMatchObject({ input_tokens: 60, output_tokens: 12 })
    const use = first.content.find((block) => block.type === 'tool_use')
    expect(use).toMatchObject({ id: 'call_g', name: 'read_file', input: { path: 'd.txt' } })
    expect(upstreamBody(requests, 0)).toMatchObject({
      tool_choice: 'required',
      tools: [
        {
          type: 'function',
          function: { name: 'read_file', parameters: anthropicTools[0]!.input_schema },
        },
      ],
    })

    const second = await api.anthropic.messages.create({
      model: 'gemini-3-pro',
      max_tokens: 500,
      tools: anthropicTools,
      messages: [
        { role: 'user', content: 'read d' },
        { role: 'assistant', content: first.content },
        {
          role: 'user',
          content: [{ type: 'tool_result', tool_use_id: 'call_g', content: 'file body' }],
        },
      ],
    })
    expect(second.content).toEqual([expect.objectContaining({ type: 'text', text: 'Done.' })])
    const sent = upstreamBody(requests)
    expect(sent.messages).toEqual([
      { role: 'user', content: 'read d' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_g',
            type: 'function',
            function: { name: 'read_file', arguments: '{"path":"d.txt"}' },
          },
        ],
        reasoning_text: 'Need the file.',
        reasoning_opaque: 'OPAQUE-BLOB',
      },
      { role: 'tool', tool_call_id: 'call_g', content: 'file body' },
    ])
    expect(sentHeaders(requests.at(-1)).get('x-initiator')).toBe('agent')
  })
})

describe('tool calls for responses clients on a chat-only model', () => {
  it('turns a chat tool call into a function_call output item', async () => {
    const { api } = await serve(geminiCall)
    const response = await api.openai.responses
      .stream({
        model: 'gemini-3-pro',
        input: 'read d',
        tools: [
          { type: 'function', name: 'read_file', parameters: { type: 'object' }, strict: false },
        ],
      })
      .finalResponse()
    expect(response.output).toEqual([
      expect.objectContaining({
        type: 'function_call',
        call_id: 'call_g',
        name: 'read_file',
        arguments: '{"path":"d.txt"}',
        status: 'completed',
      }),
    ])
    expect(response.usage).toMatchObject({ input_tokens: 60, output_tokens: 12 })
  })
})

describe('POST /v1/embeddings', () => {
  // The exact body sent upstream and the base64 packing, against a scripted Copilot; the fake
  // upstream's /embeddings is used in local-api.openai.test.ts.
  it('passes floats through, and packs them as base64 when the SDK asks', async () => {
    const { api, requests } = await serve(() =>
      Response.json({
        object: 'list',
        data: [{ object: 'embedding', index: 0, embedding: [0.5, -0.25, 1] }],
        model: 'text-embedding-3-small',
        usage: { prompt_tokens: 3, total_tokens: 3 },
      }),
    )
    // The SDK asks for base64 by default and decodes it.
    const decoded = await api.openai.embeddings.create({
      model: 'text-embedding-3-small',
      input: 'hello',
    })
    expect(decoded.data[0]?.embedding).toEqual([0.5, -0.25, 1])
    const floats = await api.openai.embeddings.create({
      model: 'text-embedding-3-small',
      input: ['hello'],
      encoding_format: 'float',
      dimensions: 3,
    })
    expect(floats.data[0]?.embedding).toEqual([0.5, -0.25, 1])
    expect(requests.at(-1)?.url).toBe('https://copilot.test/embeddings')
    expect(upstreamBody(requests)).toEqual({
      model: 'text-embedding-3-small',
      input: ['hello'],
      dimensions: 3,
    })
    expect(sentHeaders(requests.at(-1)).get('openai-intent')).toBe('copilot-panel')
    expect(api.requests.entries().at(-1)).toMatchObject({
      endpoint: '/v1/embeddings',
      inputTokens: 3,
      status: 200,
    })
  })
})
