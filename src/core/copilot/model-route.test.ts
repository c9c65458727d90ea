import { describe, expect, it } from 'vitest'
import { chooseEndpoint, modelRouteFrom } from './model-route.ts'

describe('chooseEndpoint (§6.2)', () => {
  it.each([
    [['/chat/completions', '/responses'], 'responses'],
    [['/responses', 'ws:/responses'], 'responses'],
    [['/chat/completions', '/v1/messages'], 'messages'],
    [['/chat/completions'], 'chat_completions'],
    [['ws:/responses', '/embeddings'], null],
    [[], null],
  ] as const)('routes %j to %s', (endpoints, expected) => {
    expect(chooseEndpoint(endpoints, 'any-model')).toBe(expected)
  })

  it.each([
    ['gpt-5', 'responses'],
    ['gpt-5.1-codex', 'responses'],
    ['GPT-6-preview', 'responses'],
    ['gpt-5-mini', 'chat_completions'],
    ['gpt-4.1', 'chat_completions'],
    ['gpt-4o-2024-11-20', 'chat_completions'],
    ['claude-sonnet-4.5', 'chat_completions'],
  ])('without supported_endpoints routes %s to %s', (id, expected) => {
    expect(chooseEndpoint(undefined, id)).toBe(expected)
  })
})

describe('modelRouteFrom', () => {
  it('reads the limits and capabilities that shape a request', () => {
    expect(
      modelRouteFrom({
        id: 'claude-opus-4.7',
        supported_endpoints: ['/chat/completions', '/v1/messages'],
        capabilities: {
          type: 'chat',
          limits: { max_output_tokens: 64_000, max_non_streaming_output_tokens: 16_000 },
          supports: {
            streaming: true,
            reasoning_effort: ['low', 'medium', 'high'],
            adaptive_thinking: true,
            min_thinking_budget: 1024,
            max_thinking_budget: 32_000,
          },
        },
      }),
    ).toEqual({
      id: 'claude-opus-4.7',
      endpoint: 'messages',
      streaming: true,
      maxOutputTokens: 64_000,
      maxNonStreamingOutputTokens: 16_000,
      reasoningEfforts: ['low', 'medium', 'high'],
      adaptiveThinking: true,
      thinkingBudget: { min: 1024, max: 32_000 },
    })
  })

  it('defaults streaming to true and leaves out malformed fields', () => {
    expect(
      modelRouteFrom({
        id: 'gpt-4.1',
        capabilities: {
          limits: { max_output_tokens: 'lots' },
          supports: { reasoning_effort: null, min_thinking_budget: 5000, max_thinking_budget: 100 },
        },
      }),
    ).toEqual({ id: 'gpt-4.1', endpoint: 'chat_completions', streaming: true })
  })

  it('honours streaming: false', () => {
    expect(
      modelRouteFrom({ id: 'o1', capabilities: { supports: { streaming: false } } })?.streaming,
    ).toBe(false)
  })

  it('returns null for junk and for models reachable through none of the three routes', () => {
    expect(modelRouteFrom({ name: 'no id' })).toBeNull()
    expect(modelRouteFrom({ id: 'emb', supported_endpoints: ['/embeddings'] })).toBeNull()
  })
})
