import type Anthropic from '@anthropic-ai/sdk'
import type OpenAI from 'openai'
import { describe, expect, it } from 'vitest'
import { setUpApiAgainstFake } from './testing/harness.ts'

// Issue 6: the official SDKs' tool calls through the local API server, against the fake Copilot,
// which calls a declared tool when the last user text says `tool: <name> <json-arguments>` and
// answers a tool result with `Tool result: <text>`.

const suite = setUpApiAgainstFake()

const args = '{"city":"Köln","days":[1,2]}'
const ask = `What is the weather? tool: get_weather ${args}`
const result = 'Sunny, 21 °C'

const openaiTools: OpenAI.Chat.Completions.ChatCompletionTool[] = [
  {
    type: 'function',
    function: {
      name: 'get_weather',
      description: 'The weather in a city',
      parameters: { type: 'object', properties: { city: { type: 'string' } } },
    },
  },
]

const anthropicTools: Anthropic.Messages.Tool[] = [
  {
    name: 'get_weather',
    description: 'The weather in a city',
    input_schema: { type: 'object', properties: { city: { type: 'string' } } },
  },
]

/** The whole conversation after the model's tool call, with its result. */
function chatRoundTrip(
  call: OpenAI.Chat.Completions.ChatCompletionMessageToolCall,
): OpenAI.Chat.Completions.ChatCompletionMessageParam[] {
  return [
    { role: 'user', content: ask },
    { role: 'assistant', content: null, tool_calls: [call] },
    { role: 'tool', tool_call_id: call.id, content: result },
  ]
}

describe('OpenAI SDK tool calls through /v1/chat/completions', () => {
  it('streams a GPT tool call the SDK accumulates, then answers its result', async () => {
    const stream = suite.api.openai.chat.completions.stream({
      model: 'gpt-4.1',
      messages: [{ role: 'user', content: ask }],
      tools: openaiTools,
    })
    const completion = await stream.finalChatCompletion()
    const choice = completion.choices[0]
    expect(choice?.finish_reason).toBe('tool_calls')
    const calls = choice?.message.tool_calls ?? []
    expect(calls).toHaveLength(1)
    const call = calls[0]
    if (call?.type !== 'function') throw new Error(`no function call: ${JSON.stringify(calls)}`)
    expect(call.id).toMatch(/^call_/)
    expect(call.function).toMatchObject({ name: 'get_weather', arguments: args })

    const answer = await suite.api.openai.chat.completions.stream({
      model: 'gpt-4.1',
      messages: chatRoundTrip(call),
      tools: openaiTools,
    })
    expect((await answer.finalChatCompletion()).choices[0]?.message.content).toBe(
      `Tool result: ${result}`,
    )
  })

  it('answers a GPT tool call without streaming, then its result', async () => {
    const completion = await suite.api.openai.chat.completions.create({
      model: 'gpt-4.1',
      messages: [{ role: 'user', content: ask }],
      tools: openaiTools,
    })
    const choice = completion.choices[0]
    expect(choice?.finish_reason).toBe('tool_calls')
    const call = choice?.message.tool_calls?.[0]
    if (call?.type !== 'function') throw new Error(`no function call: ${JSON.stringify(choice)}`)
    expect(call.function).toEqual({ name: 'get_weather', arguments: args })

    const answer = await suite.api.openai.chat.completions.create({
      model: 'gpt-4.1',
      messages: chatRoundTrip(call),
      tools: openaiTools,
    })
    expect(answer.choices[0]?.message.content).toBe(`Tool result: ${result}`)
  })

  it('reaches a responses-only model (gpt-5.4, translated) with a tool call and its result', async () => {
    const from = suite.up.fake.requests.length
    const stream = suite.api.openai.chat.completions.stream({
      model: 'gpt-5.4',
      messages: [{ role: 'user', content: ask }],
      tools: openaiTools,
    })
    const completion = await stream.finalChatCompletion()
    expect(suite.upstreamCalls('/responses', from)).toHaveLength(1)
    const choice = completion.choices[0]
    expect(choice?.finish_reason).toBe('tool_calls')
    const call = choice?.message.tool_calls?.[0]
    if (call?.type !== 'function') throw new Error(`no function call: ${JSON.stringify(choice)}`)
    expect(call.function).toMatchObject({ name: 'get_weather', arguments: args })

    const answer = await suite.api.openai.chat.completions.create({
      model: 'gpt-5.4',
      messages: chatRoundTrip(call),
      tools: openaiTools,
    })
    expect(answer.choices[0]?.message.content).toBe(`Tool result: ${result}`)
  })
})

describe('Anthropic SDK tool calls through /v1/messages', () => {
  /** The conversation after the model's tool_use, with its tool_result. */
  const messagesRoundTrip = (
    toolUse: Anthropic.Messages.ToolUseBlock,
  ): Anthropic.Messages.MessageParam[] => [
    { role: 'user', content: ask },
    { role: 'assistant', content: [toolUse] },
    {
      role: 'user',
      content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: result }],
    },
  ]

  const toolUseOf = (message: Anthropic.Messages.Message) => {
    const block = message.content.find((part) => part.type === 'tool_use')
    if (block === undefined) throw new Error(`no tool_use: ${JSON.stringify(message.content)}`)
    return block
  }
  const textOf = (message: Anthropic.Messages.Message) =>
    message.content.map((part) => (part.type === 'text' ? part.text : '')).join('')

  // Claude passes through with Copilot's `toolu_` ids; Gemini's `call_` ids are kept as they are.
  for (const [model, upstream, idPrefix] of [
    ['claude-sonnet-4.5', '/v1/messages', /^toolu_/],
    ['gemini-2.5-pro', '/chat/completions', /^call_/],
  ] as const) {
    it(`streams a ${model} tool_use (via ${upstream}), then answers its tool_result`, async () => {
      const from = suite.up.fake.requests.length
      const stream = await suite.api.anthropic.messages.create({
        model,
        max_tokens: 1024,
        messages: [{ role: 'user', content: ask }],
        tools: anthropicTools,
        stream: true,
      })
      const events: Anthropic.Messages.RawMessageStreamEvent[] = []
      for await (const event of stream) events.push(event)
      expect(suite.upstreamCalls(upstream, from)).toHaveLength(1)
      const start = events.find((event) => event.type === 'content_block_start')
      expect(start?.type === 'content_block_start' && start.content_block).toMatchObject({
        type: 'tool_use',
        id: expect.stringMatching(idPrefix),
        name: 'get_weather',
      })
      const partial = events
        .map((event) =>
          event.type === 'content_block_delta' && event.delta.type === 'input_json_delta'
            ? event.delta.partial_json
            : '',
        )
        .join('')
      expect(JSON.parse(partial)).toEqual(JSON.parse(args))
      const stop = events.find((event) => event.type === 'message_delta')
      expect(stop?.type === 'message_delta' && stop.delta.stop_reason).toBe('tool_use')

      // The SDK's own accumulation, and the round trip with the tool_result.
      const message = await suite.api.anthropic.messages
        .stream({
          model,
          max_tokens: 1024,
          messages: [{ role: 'user', content: ask }],
          tools: anthropicTools,
        })
        .finalMessage()
      const toolUse = toolUseOf(message)
      expect(toolUse).toMatchObject({ name: 'get_weather', input: JSON.parse(args) })
      const answer = await suite.api.anthropic.messages.create({
        model,
        max_tokens: 1024,
        messages: messagesRoundTrip(toolUse),
        tools: anthropicTools,
      })
      expect(textOf(answer)).toBe(`Tool result: ${result}`)
    })
  }
})
