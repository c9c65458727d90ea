import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { jsonEvents, readSse, startSignedIn, type Json, type SignedInFake } from './test-client.ts'

const args = '{"city":"Köln","days":[1,2]}'
const ask = `Please call it. tool: get_weather ${args}`

type ToolDelta = {
  index: number
  id?: string
  type?: string
  function: { name?: string; arguments: string }
}

const choiceOf = (chunk: Json) => (chunk['choices'] as Json[] | undefined)?.[0]
const deltaOf = (chunk: Json) => choiceOf(chunk)?.['delta'] as Json | undefined

// The fake answers a declared tool named with `tool: <name> <json>` by calling it (§7.3, §8.2, §9).
describe('tool calls', () => {
  let fake: SignedInFake

  beforeAll(async () => {
    fake = await startSignedIn()
  })
  afterAll(() => fake.upstream.close())
  beforeEach(() => fake.upstream.setScenario({ chunkDelayMs: 0, chunkSize: 12 }))

  describe('POST /chat/completions', () => {
    const chatTools = [
      { type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } },
    ]
    const chat = (model: string, messages: Json[], extra: Json = {}) =>
      fake.post('/chat/completions', {
        model,
        stream: true,
        tools: chatTools,
        messages,
        ...extra,
      })
    const streamed = async (res: Response) => {
      expect(res.status).toBe(200)
      const chunks = jsonEvents((await readSse(res)).events)
      const calls = chunks.flatMap(
        (chunk) => (deltaOf(chunk)?.['tool_calls'] as ToolDelta[] | undefined) ?? [],
      )
      const text = chunks.map((chunk) => deltaOf(chunk)?.['content'] ?? '').join('')
      const finish = chunks.map((chunk) => choiceOf(chunk)?.['finish_reason']).filter(Boolean)
      return { calls, text, finish }
    }

    for (const [model, prefix] of [
      ['gpt-4.1', 'call_'],
      ['claude-sonnet-4.5', 'toolu_'],
      ['gemini-2.5-pro', 'call_'],
    ] as const) {
      it(`streams a ${model} tool call as delta.tool_calls`, async () => {
        const { calls, text, finish } = await streamed(
          await chat(model, [{ role: 'user', content: ask }]),
        )
        expect(text).toBe('')
        expect(calls[0]).toEqual({
          index: 0,
          id: expect.stringMatching(new RegExp(`^${prefix}`)),
          type: 'function',
          function: { name: 'get_weather', arguments: '' },
        })
        const fragments = calls.slice(1)
        expect(fragments.length).toBeGreaterThan(1)
        for (const fragment of fragments)
          expect(Object.keys(fragment).sort()).toEqual(['function', 'index'])
        expect(fragments.map((call) => call.function.arguments).join('')).toBe(args)
        expect(finish).toEqual(['tool_calls'])
      })
    }

    it('answers without streaming in message.tool_calls', async () => {
      const res = await chat('gpt-4.1', [{ role: 'user', content: ask }], { stream: false })
      const body = (await res.json()) as Json
      const choice = (body['choices'] as Json[])[0]
      expect(choice?.['finish_reason']).toBe('tool_calls')
      expect(choice?.['message']).toMatchObject({
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: expect.stringMatching(/^call_/),
            type: 'function',
            function: { name: 'get_weather', arguments: args },
          },
        ],
      })
    })

    it('answers text when the named tool was not declared', async () => {
      const { calls, text, finish } = await streamed(
        await chat('gpt-4.1', [{ role: 'user', content: 'tool: launch_rocket {}' }]),
      )
      expect(calls).toEqual([])
      expect(text).toBe('No tool named launch_rocket was declared.')
      expect(finish).toEqual(['stop'])
    })

    it('answers a tool result with its text', async () => {
      const { calls, text } = await streamed(
        await chat('gpt-4.1', [
          { role: 'user', content: ask },
          {
            role: 'assistant',
            content: null,
            tool_calls: [
              {
                id: 'call_1',
                type: 'function',
                function: { name: 'get_weather', arguments: args },
              },
            ],
          },
          { role: 'tool', tool_call_id: 'call_1', content: 'Sunny, 21 °C' },
        ]),
      )
      expect(calls).toEqual([])
      expect(text).toBe('Tool result: Sunny, 21 °C')
    })
  })

  describe('POST /responses', () => {
    const respond = (input: Json[], extra: Json = {}) =>
      fake.post('/responses', {
        model: 'gpt-5.4',
        stream: true,
        tools: [{ type: 'function', name: 'get_weather', parameters: { type: 'object' } }],
        input,
        ...extra,
      })
    const user = (text: string) => ({
      role: 'user',
      content: [{ type: 'input_text', text }],
    })

    it('streams a function_call item, its argument deltas and the done item', async () => {
      const res = await respond([user(ask)])
      expect(res.status).toBe(200)
      const events = jsonEvents((await readSse(res)).events)
      const types = events.map((event) => event['type'])
      expect(types).not.toContain('response.output_text.delta')
      const added = events.find(
        (event) =>
          event['type'] === 'response.output_item.added' &&
          (event['item'] as Json)['type'] === 'function_call',
      )
      expect(added?.['item']).toMatchObject({
        type: 'function_call',
        call_id: expect.stringMatching(/^call_/),
        name: 'get_weather',
        arguments: '',
      })
      const deltas = events.filter(
        (event) => event['type'] === 'response.function_call_arguments.delta',
      )
      expect(deltas.length).toBeGreaterThan(1)
      expect(deltas.map((event) => event['delta']).join('')).toBe(args)
      const done = events.find(
        (event) =>
          event['type'] === 'response.output_item.done' &&
          (event['item'] as Json)['type'] === 'function_call',
      )
      expect(done?.['item']).toMatchObject({
        call_id: (added?.['item'] as Json)['call_id'],
        name: 'get_weather',
        arguments: args,
      })
      expect(types.at(-1)).toBe('response.completed')
      const output = ((events.at(-1)?.['response'] as Json)['output'] as Json[]).at(-1)
      expect(output).toMatchObject({ type: 'function_call', name: 'get_weather', arguments: args })
    })

    it('answers without streaming with a function_call output item', async () => {
      const res = await respond([user(ask)], { stream: false })
      const body = (await res.json()) as Json
      expect((body['output'] as Json[]).at(-1)).toMatchObject({
        type: 'function_call',
        name: 'get_weather',
        arguments: args,
      })
    })

    it('answers a function_call_output with its text', async () => {
      const res = await respond([
        user(ask),
        { type: 'function_call', call_id: 'call_1', name: 'get_weather', arguments: args },
        { type: 'function_call_output', call_id: 'call_1', output: 'Sunny, 21 °C' },
      ])
      const events = jsonEvents((await readSse(res)).events)
      const text = events
        .filter((event) => event['type'] === 'response.output_text.delta')
        .map((event) => event['delta'])
        .join('')
      expect(text).toBe('Tool result: Sunny, 21 °C')
    })
  })

  describe('POST /v1/messages', () => {
    const message = (messages: Json[], extra: Json = {}) =>
      fake.post('/v1/messages', {
        model: 'claude-sonnet-4.5',
        max_tokens: 1024,
        stream: true,
        tools: [{ name: 'get_weather', input_schema: { type: 'object' } }],
        messages,
        ...extra,
      })

    it('streams a tool_use block with input_json_delta pieces', async () => {
      const res = await message([{ role: 'user', content: ask }])
      expect(res.status).toBe(200)
      const events = jsonEvents((await readSse(res)).events)
      const start = events.find((event) => event['type'] === 'content_block_start')
      expect(start?.['content_block']).toEqual({
        type: 'tool_use',
        id: expect.stringMatching(/^toolu_/),
        name: 'get_weather',
        input: {},
      })
      const deltas = events
        .filter((event) => event['type'] === 'content_block_delta')
        .map((event) => event['delta'] as Json)
      expect(deltas.length).toBeGreaterThan(1)
      expect(deltas.every((delta) => delta['type'] === 'input_json_delta')).toBe(true)
      expect(deltas.map((delta) => delta['partial_json']).join('')).toBe(args)
      expect(events.map((event) => event['type']).slice(-3)).toEqual([
        'content_block_stop',
        'message_delta',
        'message_stop',
      ])
      expect((events.at(-2)?.['delta'] as Json)['stop_reason']).toBe('tool_use')
    })

    it('answers without streaming with a tool_use block', async () => {
      const res = await message([{ role: 'user', content: ask }], { stream: false })
      const body = (await res.json()) as Json
      expect(body['stop_reason']).toBe('tool_use')
      expect(body['content']).toEqual([
        {
          type: 'tool_use',
          id: expect.stringMatching(/^toolu_/),
          name: 'get_weather',
          input: JSON.parse(args),
        },
      ])
    })

    it('answers a tool_result block with its text', async () => {
      const res = await message([
        { role: 'user', content: ask },
        {
          role: 'assistant',
          content: [{ type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: {} }],
        },
        {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              tool_use_id: 'toolu_1',
              content: [{ type: 'text', text: 'Sunny, 21 °C' }],
            },
          ],
        },
      ])
      const events = jsonEvents((await readSse(res)).events)
      const text = events
        .filter((event) => event['type'] === 'content_block_delta')
        .map((event) => (event['delta'] as Json)['text'])
        .join('')
      expect(text).toBe('Tool result: Sunny, 21 °C')
    })

    it('answers text when the named tool was not declared', async () => {
      const res = await message([{ role: 'user', content: 'tool: launch_rocket {}' }], {
        stream: false,
      })
      const body = (await res.json()) as Json
      expect(body['stop_reason']).toBe('end_turn')
      expect(body['content']).toEqual([
        { type: 'text', text: 'No tool named launch_rocket was declared.' },
      ])
    })
  })
})
