import { describe, expect, it } from 'vitest'
import { defaultAnswer, defaultReasoning } from '../../../e2e/fake-upstream/index.ts'
import { setUpApiAgainstFake } from './testing/harness.ts'

const suite = setUpApiAgainstFake()

describe('POST /v1/messages to Claude (passthrough)', () => {
  it('streams for the Anthropic SDK, thinking included, and logs the usage', async () => {
    const from = suite.up.fake.requests.length
    const stream = suite.api.anthropic.messages.stream({
      model: 'claude-sonnet-4.5',
      max_tokens: 4000,
      thinking: { type: 'enabled', budget_tokens: 1024 },
      messages: [{ role: 'user', content: 'Hello' }],
    })
    const message = await stream.finalMessage()
    expect(message.content.map((block) => block.type)).toEqual(['thinking', 'text'])
    expect(message.content[1]).toMatchObject({ type: 'text', text: defaultAnswer })
    expect(message.stop_reason).toBe('end_turn')
    const [sent] = suite.upstreamCalls('/v1/messages', from)
    expect(sent?.headers['anthropic-version']).toBe('2023-06-01')
    expect(sent?.headers['x-initiator']).toBe('user')
    expect(suite.api.requests.entries().at(-1)).toMatchObject({
      endpoint: '/v1/messages',
      upstream: '/v1/messages',
      stream: true,
      status: 200,
      inputTokens: expect.any(Number),
      outputTokens: message.usage.output_tokens,
    })
  })

  it('answers without streaming', async () => {
    const message = await suite.api.anthropic.messages.create({
      model: 'claude-sonnet-4.5',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'echo: short' }],
    })
    expect(message.content).toEqual([expect.objectContaining({ type: 'text', text: 'short' })])
  })

  it('bills a tool-result-only turn as agent (§5.3)', async () => {
    const from = suite.up.fake.requests.length
    await suite.api.anthropic.messages.create({
      model: 'claude-sonnet-4.5',
      max_tokens: 100,
      messages: [
        { role: 'user', content: 'list files' },
        {
          role: 'assistant',
          content: [{ type: 'tool_use', id: 'toolu_1', name: 'ls', input: {} }],
        },
        {
          role: 'user',
          content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'a.txt' }],
        },
      ],
    })
    expect(suite.upstreamCalls('/v1/messages', from)[0]?.headers['x-initiator']).toBe('agent')
  })
})

describe('POST /v1/messages to models without /v1/messages', () => {
  it('streams Gemini (chat completions only) as Anthropic events, reasoning as thinking', async () => {
    const from = suite.up.fake.requests.length
    const stream = suite.api.anthropic.messages.stream({
      model: 'gemini-2.5-pro',
      max_tokens: 1000,
      system: 'Be brief.',
      thinking: { type: 'enabled', budget_tokens: 1024 },
      messages: [{ role: 'user', content: 'Hello' }],
    })
    const message = await stream.finalMessage()
    // §7.2: Gemini's opaque reasoning arrives last; it rides as the signature of a last thinking
    // block, so the client sends it back with the next turn (§7.1).
    expect(message.content.map((block) => block.type)).toEqual(['thinking', 'text', 'thinking'])
    expect(message.content[0]).toMatchObject({ thinking: defaultReasoning })
    expect(message.content[1]).toMatchObject({ text: defaultAnswer })
    expect(message.content[2]).toMatchObject({
      thinking: '',
      signature: expect.stringMatching(/.{20}/),
    })
    expect(message.usage.output_tokens).toBeGreaterThan(0)
    expect(message.usage.input_tokens).toBeGreaterThan(0)
    const [sent] = suite.upstreamCalls('/chat/completions', from)
    expect(sent?.body).toMatchObject({
      model: 'gemini-2.5-pro',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello' },
      ],
      stream: true,
    })
  })

  it('leaves reasoning out when the client did not ask for thinking, and answers without streaming', async () => {
    const message = await suite.api.anthropic.messages.create({
      model: 'gemini-2.5-pro',
      max_tokens: 1000,
      messages: [{ role: 'user', content: 'echo: just text' }],
    })
    expect(message.content).toEqual([expect.objectContaining({ type: 'text', text: 'just text' })])
    expect(message).toMatchObject({ role: 'assistant', stop_reason: 'end_turn', type: 'message' })
  })

  it('reaches a responses-only model (GPT-5) from an Anthropic client', async () => {
    const from = suite.up.fake.requests.length
    const text = await suite.api.anthropic.messages
      .stream({
        model: 'gpt-5.4',
        max_tokens: 1000,
        messages: [{ role: 'user', content: 'echo: via responses' }],
      })
      .finalText()
    expect(text).toBe('via responses')
    expect(suite.upstreamCalls('/responses', from)[0]?.body).toMatchObject({
      model: 'gpt-5.4',
      max_output_tokens: 1000,
    })
  })
})

describe('errors in the Anthropic envelope', () => {
  it('keeps a 429 with Retry-After', async () => {
    suite.up.fake.setScenario({ chatFault: { status: 429, retryAfter: 12 } })
    const failure = await suite.api.anthropic.messages
      .create({
        model: 'claude-sonnet-4.5',
        max_tokens: 10,
        messages: [{ role: 'user', content: 'hi' }],
      })
      .catch((error: unknown) => error)
    expect(failure).toMatchObject({
      status: 429,
      error: { type: 'error', error: { type: 'rate_limit_error' } },
    })
    expect((failure as { headers: Headers }).headers.get('retry-after')).toBe('12')
  })

  it('keeps a 429 with Retry-After on a translated route too', async () => {
    suite.up.fake.setScenario({ chatFault: { status: 429, retryAfter: 3 } })
    const failure = await suite.api.anthropic.messages
      .create({
        model: 'gemini-2.5-pro',
        max_tokens: 10,
        messages: [{ role: 'user', content: 'hi' }],
      })
      .catch((error: unknown) => error)
    expect(failure).toMatchObject({ status: 429, error: { error: { type: 'rate_limit_error' } } })
    expect((failure as { headers: Headers }).headers.get('retry-after')).toBe('3')
  })

  it('sends a mid-stream failure as an error event the SDK throws', async () => {
    suite.up.fake.setScenario({
      midStreamError: { afterChunks: 2, message: 'overloaded right now' },
    })
    await expect(
      suite.api.anthropic.messages
        .stream({
          model: 'gemini-2.5-pro',
          max_tokens: 10,
          messages: [{ role: 'user', content: 'hi' }],
        })
        .finalMessage(),
    ).rejects.toThrow(/overloaded right now/)
  })
})

describe('POST /v1/messages/count_tokens', () => {
  it('estimates input tokens without asking Copilot', async () => {
    const from = suite.up.fake.requests.length
    const short = await suite.api.anthropic.messages.countTokens({
      model: 'claude-sonnet-4.5',
      messages: [{ role: 'user', content: 'hi' }],
    })
    const long = await suite.api.anthropic.messages.countTokens({
      model: 'claude-sonnet-4.5',
      system: 'x'.repeat(4000),
      messages: [{ role: 'user', content: 'hi' }],
    })
    expect(short.input_tokens).toBeGreaterThan(0)
    expect(long.input_tokens - short.input_tokens).toBe(1000)
    expect(suite.up.fake.requests.length).toBe(from)
  })
})

describe('GET /v1/models for the Anthropic SDK', () => {
  it('lists the models in Anthropic shape too', async () => {
    const page = await suite.api.anthropic.models.list()
    expect(page.data.map((model) => model.id)).toContain('claude-sonnet-4.5')
    expect(page.data[0]).toMatchObject({ type: 'model', display_name: expect.any(String) })
  })
})
