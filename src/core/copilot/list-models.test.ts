import { describe, expect, it } from 'vitest'
import { AppFailure } from '../../shared/errors.ts'
import { readModels, requestModels } from './list-models.ts'
import { scriptedCopilot } from './testing/scripted-copilot.ts'

const chat = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: id.toUpperCase(),
  vendor: 'OpenAI',
  model_picker_enabled: true,
  capabilities: { type: 'chat', limits: { max_context_window_tokens: 128000 }, supports: {} },
  ...extra,
})

const read = (data: unknown[], plan: string | null = 'pro') => readModels({ data }, plan)
const byId = (data: unknown[], plan: string | null = 'pro') =>
  new Map(read(data, plan).map((listed) => [listed.model.id, listed]))

describe('reading /models (§6)', () => {
  it('keeps a model whose display fields are null, missing or of another type', () => {
    const models = read([
      chat('a', { billing: null, policy: null, preview: null, vendor: 7 }),
      chat('b', { billing: { multiplier: '1' }, capabilities: { type: 'chat', limits: null } }),
      { id: 'c', model_picker_enabled: true, capabilities: { type: 'chat' } },
    ]).map((listed) => listed.model)
    expect(models.map((m) => [m.id, m.name, m.vendor, m.multiplier, m.availability.state])).toEqual(
      [
        ['a', 'A', 'Other', undefined, 'ready'],
        ['b', 'B', 'OpenAI', 1, 'ready'],
        ['c', 'c', 'Other', undefined, 'ready'],
      ],
    )
  })

  it('skips junk entries instead of failing the list, and keeps the first of a repeated id', () => {
    const models = read([
      { nonsense: true },
      null,
      'x',
      { id: 42, capabilities: { type: 'chat' } },
      { id: 'no-capabilities', model_picker_enabled: true },
      chat('ok'),
      chat('ok', { name: 'Second' }),
    ])
    expect(models.map((listed) => [listed.model.id, listed.model.name])).toEqual([['ok', 'OK']])
    expect(readModels({ object: 'list' }, null)).toEqual([])
    expect(readModels('<html>', null)).toEqual([])
  })

  it('lists chat models with an answer endpoint, responses-only and messages-only included', () => {
    const models = byId([
      chat('legacy'),
      chat('responses-only', { supported_endpoints: ['/responses', 'ws:/responses'] }),
      chat('messages-only', { supported_endpoints: ['/v1/messages'] }),
      chat('chat-only', { supported_endpoints: ['/chat/completions'] }),
      chat('socket-only', { supported_endpoints: ['ws:/responses'] }),
      chat('embeddings', { capabilities: { type: 'embeddings' } }),
    ])
    expect([...models.keys()]).toEqual(['legacy', 'responses-only', 'messages-only', 'chat-only'])
    expect(models.get('legacy')?.route.endpoint).toBe('chat_completions')
    expect(models.get('responses-only')?.route.endpoint).toBe('responses')
    expect(models.get('messages-only')?.route.endpoint).toBe('messages')
    expect(models.get('chat-only')?.route.endpoint).toBe('chat_completions')
  })

  it('marks which models the picker offers and keeps the rest for routing (§6.2)', () => {
    const models = byId([chat('shown'), chat('hidden', { model_picker_enabled: false })])
    expect(models.get('shown')?.inPicker).toBe(true)
    expect(models.get('hidden')?.inPicker).toBe(false)
  })

  it('lists a model whose policy is not enabled as needing enabling, with its terms (§10.1)', () => {
    const models = byId([
      chat('disabled', { policy: { state: 'disabled', terms: 'Accept **these** terms.' } }),
      chat('pending', { policy: { state: 'pending' } }),
      chat('enabled', { policy: { state: 'enabled', terms: 'Already accepted.' } }),
      chat('always-on'),
    ])
    expect(models.get('disabled')?.model.availability).toEqual({
      state: 'needs_enable',
      terms: 'Accept **these** terms.',
    })
    expect(models.get('pending')?.model.availability).toEqual({ state: 'needs_enable' })
    expect(models.get('enabled')?.model.availability).toEqual({ state: 'ready' })
    expect(models.get('always-on')?.model.availability).toEqual({ state: 'ready' })
  })

  it('restricts a model to the plans in billing.restricted_to, naming them (§6.1)', () => {
    const data = [
      chat('pro-plus', { billing: { multiplier: 1, restricted_to: ['business', 'pro_plus'] } }),
      chat('for-pro', { billing: { restricted_to: ['pro', 'pro_plus'] } }),
      chat('both', {
        billing: { restricted_to: ['enterprise'] },
        policy: { state: 'disabled', terms: 'Terms.' },
      }),
    ]
    const onPro = byId(data, 'pro')
    expect(onPro.get('pro-plus')?.model.availability).toEqual({
      state: 'restricted',
      reason: 'Needs Copilot Pro+ or Business',
    })
    expect(onPro.get('for-pro')?.model.availability).toEqual({ state: 'ready' })
    // Enabling would not help a plan that lacks the model.
    expect(onPro.get('both')?.model.availability).toMatchObject({ state: 'restricted' })
    // An unknown plan restricts nothing: Copilot still refuses with its own reason (§11.1).
    const unknown = byId(data, null)
    expect(unknown.get('pro-plus')?.model.availability).toEqual({ state: 'ready' })
  })

  it('converts token prices from AI credits per batch to USD per million tokens (§6.1)', () => {
    const models = byId([
      chat('per-million', {
        billing: {
          multiplier: 1,
          token_prices: {
            batch_size: 1_000_000,
            default: { input_price: 175, output_price: 1400, cache_price: 17.5 },
            long_context: { input_price: 350, output_price: 2100, cache_price: 35 },
          },
        },
      }),
      chat('per-thousand', {
        billing: {
          token_prices: { batch_size: 1000, default: { input_price: 0.3, output_price: 1.5 } },
        },
      }),
      chat('broken', {
        billing: { multiplier: 0.33, token_prices: { batch_size: 0, default: {} } },
      }),
    ])
    expect(models.get('per-million')?.model.tokenPrices).toEqual({
      input: 1.75,
      output: 14,
      cached: 0.175,
    })
    expect(models.get('per-thousand')?.model.tokenPrices).toEqual({ input: 3, output: 15 })
    expect(models.get('broken')?.model).toMatchObject({ multiplier: 0.33 })
    expect(models.get('broken')?.model.tokenPrices).toBeUndefined()
  })

  it('says a model reasons when it has effort levels, thinking or adaptive thinking', () => {
    const supports = (value: Record<string, unknown>) => ({
      capabilities: { type: 'chat', supports: value },
    })
    const models = byId([
      chat('effort', supports({ reasoning_effort: ['low', 'high'] })),
      chat('no-effort', supports({ reasoning_effort: [] })),
      chat('thinking', supports({ thinking: true })),
      chat('adaptive', supports({ adaptive_thinking: true })),
      chat('plain', supports({ tool_calls: true })),
    ])
    const reasons = [...models.values()].map((m) => [m.model.id, m.model.supportsReasoning])
    expect(reasons).toEqual([
      ['effort', true],
      ['no-effort', false],
      ['thinking', true],
      ['adaptive', true],
      ['plain', false],
    ])
    expect(models.get('effort')?.route.reasoningEfforts).toEqual(['low', 'high'])
  })

  it('reads limits, vision, tools and the picker category', () => {
    const [listed] = read([
      chat('gpt-5.3-codex', {
        model_picker_category: 'powerful',
        supported_endpoints: ['/responses'],
        capabilities: {
          type: 'chat',
          limits: {
            max_context_window_tokens: 400000,
            max_prompt_tokens: 272000,
            max_output_tokens: 128000,
            vision: {
              max_prompt_image_size: 3145728,
              max_prompt_images: 1,
              supported_media_types: ['image/png', 'image/jpeg'],
            },
          },
          supports: { streaming: false, tool_calls: true, vision: true },
        },
      }),
    ])
    expect(listed?.model).toMatchObject({
      category: 'powerful',
      contextWindow: 400000,
      maxPromptTokens: 272000,
      maxOutputTokens: 128000,
      supportsTools: true,
      supportsVision: true,
      vision: { maxImages: 1, maxImageBytes: 3145728, mediaTypes: ['image/png', 'image/jpeg'] },
    })
    expect(listed?.route).toMatchObject({ endpoint: 'responses', streaming: false })
  })

  it('fetches /models with the model-access intent and reports a refusal', async () => {
    const ok = scriptedCopilot(() => Response.json({ data: [chat('a')], object: 'list' }))
    expect(readModels(await requestModels(ok.deps), null).map((m) => m.model.id)).toEqual(['a'])
    const headers = new Headers(ok.requests[0]?.init?.headers)
    expect(ok.requests[0]?.url).toBe('https://copilot.test/models')
    expect(headers.get('OpenAI-Intent')).toBe('model-access')

    const refused = scriptedCopilot(
      () => new Response('{"error":{"message":"slow down"}}', { status: 429 }),
    )
    const failure = await requestModels(refused.deps).catch((thrown: unknown) => thrown)
    expect(failure).toBeInstanceOf(AppFailure)
    expect((failure as AppFailure).error.kind).toBe('rate_limited')
  })

  it('refuses an answer that is not a model list, rather than reading it as an empty one', async () => {
    const page = scriptedCopilot(() => new Response('<html>Sign in to the proxy</html>'))
    const failure = await requestModels(page.deps).catch((thrown: unknown) => thrown)
    expect((failure as AppFailure).error).toMatchObject({
      kind: 'upstream',
      message: 'Copilot sent a model list LogAI cannot read.',
    })
  })
})
