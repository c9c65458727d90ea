import { describe, expect, it } from 'vitest'
import { defaultAnswer } from '../../../e2e/fake-upstream/index.ts'
import { setUpApiAgainstFake } from './testing/harness.ts'

const suite = setUpApiAgainstFake()

describe('GET /v1/models', () => {
  it('lists the chat and embedding models the account can use, for the OpenAI SDK', async () => {
    const ids: string[] = []
    for await (const model of suite.api.openai.models.list()) ids.push(model.id)
    expect(ids).toEqual(
      expect.arrayContaining([
        'gpt-4.1',
        'gpt-5.4',
        'claude-sonnet-4.5',
        'gemini-2.5-pro',
        'text-embedding-3-small',
      ]),
    )
    // Not enabled yet (§10.1): every request to it would fail.
    expect(ids).not.toContain('claude-opus-4.6')
    expect(ids).not.toContain('router-preview-internal')
  })

  it('retrieves one model by id without building an upstream URL from it', async () => {
    const before = suite.up.fake.requests.length
    const model = await suite.api.openai.models.retrieve('gpt-4.1')
    expect(model).toMatchObject({ id: 'gpt-4.1', object: 'model' })
    await expect(suite.api.openai.models.retrieve('..%2F..%2Fapi%2Fuser')).rejects.toMatchObject({
      status: 404,
    })
    expect(suite.up.fake.requests.slice(before).map((r) => r.path)).not.toContain('/api/user')
  })
})

describe('POST /v1/chat/completions', () => {
  it('streams a GPT answer with the §12 fixes: object and model on every chunk, no prompt-filter chunk', async () => {
    const stream = await suite.api.openai.chat.completions.create({
      model: 'gpt-4.1',
      messages: [{ role: 'user', content: 'Hello' }],
      stream: true,
    })
    const chunks = []
    for await (const chunk of stream) chunks.push(chunk)
    expect(chunks.every((c) => c.object === 'chat.completion.chunk' && c.model && c.id)).toBe(true)
    expect(chunks.every((c) => c.choices.length > 0)).toBe(true)
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe(defaultAnswer)
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop')
    // Usage only when asked for (stream_options.include_usage).
    expect(chunks.some((c) => c.usage)).toBe(false)
  })

  it('puts usage in a last choices-less chunk when the client asks for it', async () => {
    const stream = await suite.api.openai.chat.completions.create({
      model: 'gpt-4.1',
      messages: [{ role: 'user', content: 'Hello' }],
      stream: true,
      stream_options: { include_usage: true },
    })
    const chunks = []
    for await (const chunk of stream) chunks.push(chunk)
    const last = chunks.at(-1)
    expect(last?.choices).toEqual([])
    expect(last?.usage).toMatchObject({
      prompt_tokens: expect.any(Number),
      completion_tokens: expect.any(Number),
    })
    expect(chunks.slice(0, -1).some((c) => c.usage)).toBe(false)
  })

  it('works with the SDK stream helper, which checks roles and finish reasons', async () => {
    const stream = suite.api.openai.chat.completions.stream({
      model: 'claude-sonnet-4.5',
      messages: [{ role: 'user', content: 'echo: Bonjour à tous' }],
    })
    const done = await stream.finalChatCompletion()
    expect(done.choices[0]?.message).toMatchObject({ role: 'assistant', content: 'Bonjour à tous' })
  })

  it('answers without streaming, merged and normalised', async () => {
    const completion = await suite.api.openai.chat.completions.create({
      model: 'claude-sonnet-4.5',
      messages: [{ role: 'user', content: 'echo: plain answer' }],
    })
    expect(completion).toMatchObject({
      object: 'chat.completion',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'plain answer' },
          finish_reason: 'stop',
        },
      ],
      usage: { prompt_tokens: expect.any(Number) },
    })
    expect(suite.api.requests.entries().at(-1)).toMatchObject({
      endpoint: '/v1/chat/completions',
      model: 'claude-sonnet-4.5',
      upstream: '/chat/completions',
      stream: false,
      status: 200,
      inputTokens: expect.any(Number),
      outputTokens: expect.any(Number),
    })
  })

  it('reaches a responses-only model (GPT-5) from a chat client, streaming and not', async () => {
    const from = suite.up.fake.requests.length
    const stream = await suite.api.openai.chat.completions.create({
      model: 'gpt-5.4',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'echo: from the responses route' },
      ],
      stream: true,
      stream_options: { include_usage: true },
    })
    let text = ''
    let usage
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? ''
      usage = chunk.usage ?? usage
    }
    expect(text).toBe('from the responses route')
    expect(usage).toMatchObject({
      prompt_tokens: expect.any(Number),
      completion_tokens: expect.any(Number),
    })
    expect(suite.upstreamCalls('/chat/completions', from)).toHaveLength(0)
    const [sent] = suite.upstreamCalls('/responses', from)
    expect(sent?.body).toMatchObject({ model: 'gpt-5.4', stream: true, store: false })

    const completion = await suite.api.openai.chat.completions.create({
      model: 'gpt-5.4',
      messages: [{ role: 'user', content: 'echo: whole' }],
    })
    expect(completion.choices[0]?.message.content).toBe('whole')
    expect(completion.object).toBe('chat.completion')
  })

  it('bills by the last message (§5.3): user for a question, agent for a tool result', async () => {
    const from = suite.up.fake.requests.length
    await suite.api.openai.chat.completions.create({
      model: 'gpt-4.1',
      messages: [{ role: 'user', content: 'hi' }],
    })
    await suite.api.openai.chat.completions.create({
      model: 'gpt-4.1',
      messages: [
        { role: 'user', content: 'hi' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: 'result' },
      ],
    })
    const initiators = suite
      .upstreamCalls('/chat/completions', from)
      .map((r) => r.headers['x-initiator'])
    expect(initiators).toEqual(['user', 'agent'])
  })

  it('sends Copilot-Vision-Request with images (§5.2)', async () => {
    const from = suite.up.fake.requests.length
    await suite.api.openai.chat.completions.create({
      model: 'gpt-4.1',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
          ],
        },
      ],
    })
    expect(
      suite.upstreamCalls('/chat/completions', from)[0]?.headers['copilot-vision-request'],
    ).toBe('true')
  })
})

describe('POST /v1/responses', () => {
  it('passes a GPT-5 responses stream through for the SDK helper', async () => {
    const stream = suite.api.openai.responses.stream({
      model: 'gpt-5.4',
      input: 'echo: straight through',
    })
    const response = await stream.finalResponse()
    expect(response.output_text).toBe('straight through')
    expect(suite.api.requests.entries().at(-1)).toMatchObject({
      upstream: '/responses',
      stream: true,
      inputTokens: expect.any(Number),
    })
  })

  it('answers without streaming', async () => {
    const response = await suite.api.openai.responses.create({
      model: 'gpt-5.4',
      input: 'echo: not streamed',
    })
    expect(response.output_text).toBe('not streamed')
  })

  it('reaches a chat-only model (Gemini) from a responses client', async () => {
    const stream = suite.api.openai.responses.stream({
      model: 'gemini-2.5-pro',
      instructions: 'Be brief.',
      input: [{ role: 'user', content: 'echo: via chat completions' }],
    })
    const response = await stream.finalResponse()
    expect(response.output_text).toBe('via chat completions')
    expect(response.usage?.input_tokens).toBeGreaterThan(0)
    const plain = await suite.api.openai.responses.create({
      model: 'gemini-2.5-pro',
      input: 'echo: plain',
    })
    expect(plain.output_text).toBe('plain')
  })
})

describe('errors', () => {
  it('keeps a 429 status and Retry-After in an OpenAI error envelope', async () => {
    suite.up.fake.setScenario({ chatFault: { status: 429, retryAfter: 7 } })
    const failure = await suite.api.openai.chat.completions
      .create({ model: 'gpt-4.1', messages: [{ role: 'user', content: 'hi' }] })
      .catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(Error)
    expect(failure).toMatchObject({ status: 429, type: 'rate_limit_error', code: 'rate_limited' })
    expect((failure as { headers: Headers }).headers.get('retry-after')).toBe('7')
    expect(suite.api.requests.entries().at(-1)).toMatchObject({ status: 429, model: 'gpt-4.1' })
  })

  it('names an unknown model with a 404 and asks nothing upstream', async () => {
    const from = suite.up.fake.requests.length
    await expect(
      suite.api.openai.chat.completions.create({
        model: 'no-such-model',
        messages: [{ role: 'user', content: 'hi' }],
      }),
    ).rejects.toMatchObject({ status: 404, code: 'model_not_found' })
    expect(suite.upstreamCalls('/chat/completions', from)).toHaveLength(0)
  })

  it('reports a stream Copilot cut off as an error the SDK throws', async () => {
    suite.up.fake.setScenario({ dropAfterChunks: 2 })
    const read = async () => {
      const stream = await suite.api.openai.chat.completions.create({
        model: 'gpt-4.1',
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
      })
      for await (const _chunk of stream) {
        // read to the end
      }
    }
    await expect(read()).rejects.toThrow(/dropped/)
  })
})

describe('client disconnects', () => {
  it('closes the upstream stream when the client aborts', async () => {
    suite.up.fake.setScenario({ chunkDelayMs: 50 })
    const controller = new AbortController()
    const stream = await suite.api.openai.chat.completions.create(
      { model: 'gpt-4.1', messages: [{ role: 'user', content: 'hi' }], stream: true },
      { signal: controller.signal },
    )
    const events = suite.up.fake.events.length
    let seen = 0
    // The SDK ends the iteration quietly (or throws an abort error) once its signal aborts.
    await (async () => {
      for await (const _chunk of stream) {
        if (++seen === 2) controller.abort()
      }
    })().catch(() => {})
    expect(seen).toBe(2)
    await expect
      .poll(
        () => suite.up.fake.events.slice(events).find((e) => e.type === 'stream-closed')?.reason,
        {
          timeout: 3000,
        },
      )
      .toBe('client_aborted')
  })
})

describe('POST /v1/embeddings', () => {
  it('returns the fake Copilot’s vectors to the OpenAI SDK, as floats and as its default base64', async () => {
    const floats = await suite.api.openai.embeddings.create({
      model: 'text-embedding-3-small',
      input: ['café', 'tea'],
      encoding_format: 'float',
      dimensions: 8,
    })
    expect(floats.data.map((d) => d.embedding.length)).toEqual([8, 8])
    expect(floats.data[0]?.embedding).not.toEqual(floats.data[1]?.embedding)
    // The SDK asks for base64 unless told otherwise and decodes it: the same numbers arrive.
    const decoded = await suite.api.openai.embeddings.create({
      model: 'text-embedding-3-small',
      input: 'café',
      dimensions: 8,
    })
    expect(decoded.data[0]?.embedding).toEqual(floats.data[0]?.embedding.map((n) => Math.fround(n)))
    const sent = suite.up.fake.requests.filter((r) => r.path === '/copilot/embeddings')
    expect(sent.at(-1)?.headers['openai-intent']).toBe('copilot-panel')
  })

  it('refuses a chat model for embeddings with the upstream’s reason', async () => {
    await expect(
      suite.api.openai.embeddings.create({ model: 'gpt-4.1', input: 'x' }),
    ).rejects.toMatchObject({ status: 400 })
  })
})
