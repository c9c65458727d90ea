import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultModels, fakeUserBillingPlan } from './index.ts'
import { startSignedIn, type Json, type SignedInFake } from './test-client.ts'

type Model = {
  id: string
  name?: string
  preview?: boolean
  model_picker_enabled?: boolean
  model_picker_category?: string
  is_chat_default?: boolean
  policy?: { state: string; terms?: string }
  billing?: { multiplier: number; restricted_to?: string[]; token_prices?: Json }
  supported_endpoints?: string[]
  capabilities?: {
    type: string
    limits?: { vision?: Json } & Json
    supports?: { reasoning_effort?: string[]; adaptive_thinking?: boolean } & Json
  } | null
}

// §6.1: the default /models list holds every kind of model a client must handle.
describe('the default model catalog', () => {
  let fake: SignedInFake
  let models: Model[]
  const byId = (id: string) => models.find((model) => model.id === id)

  beforeAll(async () => {
    fake = await startSignedIn()
    const res = await fetch(`${fake.upstream.copilotUrl}/models`, { headers: fake.auth() })
    models = ((await res.json()) as { data: Model[] }).data
  })
  afterAll(() => fake.upstream.close())

  it('has a responses-only GPT-5 class model with §6.1 token prices', () => {
    expect(byId('gpt-5.3-codex')).toMatchObject({
      supported_endpoints: ['/responses', 'ws:/responses'],
      capabilities: { supports: { reasoning_effort: expect.arrayContaining(['xhigh']) } },
      billing: {
        restricted_to: expect.arrayContaining([fakeUserBillingPlan]),
        token_prices: {
          batch_size: expect.any(Number),
          default: {
            input_price: expect.any(Number),
            output_price: expect.any(Number),
            cache_price: expect.any(Number),
          },
        },
      },
    })
    expect(byId('gpt-5.4')?.supported_endpoints).not.toContain('/chat/completions')
  })

  it('has Claudes on /v1/messages with budgets or adaptive thinking, and a Gemini', () => {
    const claudes = models.filter((model) => model.supported_endpoints?.includes('/v1/messages'))
    expect(claudes.map((model) => model.id)).toEqual(['claude-sonnet-4.5', 'claude-opus-4.6'])
    for (const claude of claudes) expect(claude.supported_endpoints).toContain('/chat/completions')
    expect(byId('claude-sonnet-4.5')?.capabilities?.supports).toMatchObject({
      min_thinking_budget: expect.any(Number),
      max_thinking_budget: expect.any(Number),
    })
    expect(byId('claude-opus-4.6')?.capabilities?.supports?.adaptive_thinking).toBe(true)
    expect(byId('gemini-2.5-pro')).toMatchObject({
      vendor: 'Google',
      supported_endpoints: ['/chat/completions'],
    })
  })

  it('has the awkward entries: disabled policy, hidden, plan-restricted, junk', () => {
    expect(byId('claude-opus-4.6')?.policy).toEqual({
      state: 'disabled',
      terms: expect.any(String),
    })
    expect(byId('o3-mini')?.model_picker_enabled).toBe(false)
    const restricted = byId('grok-code-fast-1')
    expect(restricted?.model_picker_enabled).toBe(true)
    expect(restricted?.billing?.restricted_to).toEqual(expect.any(Array))
    expect(restricted?.billing?.restricted_to).not.toContain(fakeUserBillingPlan)
    expect(models.some((model) => model.capabilities === null)).toBe(true)
  })

  it('varies the fields a picker shows', () => {
    const chatModels = models.filter((model) => model.capabilities?.type === 'chat')
    expect(chatModels.filter((model) => model.is_chat_default)).toHaveLength(1)
    expect(chatModels.filter((model) => model.preview).length).toBeGreaterThanOrEqual(2)
    const multipliers = new Set(chatModels.map((model) => model.billing?.multiplier))
    for (const multiplier of [0, 0.33, 1, 3]) expect(multipliers).toContain(multiplier)
    const categories = new Set(chatModels.map((model) => model.model_picker_category))
    expect([...categories].sort()).toEqual(['lightweight', 'powerful', 'versatile'])
    expect(chatModels.filter((model) => model.capabilities?.limits?.vision).length).toBeGreaterThan(
      3,
    )
    expect(
      chatModels.filter((model) => model.capabilities?.supports?.reasoning_effort).length,
    ).toBeGreaterThan(2)
  })

  it('refuses the plan-restricted model on every answer route, and only for the plan', async () => {
    const bodies: Record<string, Json> = {
      '/chat/completions': { messages: [{ role: 'user', content: 'Hello' }] },
      '/responses': { input: 'Hello' },
      '/v1/messages': { max_tokens: 256, messages: [{ role: 'user', content: 'Hello' }] },
    }
    for (const [path, body] of Object.entries(bodies)) {
      const res = await fake.post(path, { model: 'grok-code-fast-1', ...body })
      expect(res.status).toBe(400)
      const error = ((await res.json()) as { error: Json }).error
      expect(error['message']).toBe('The requested model is not supported.')
      if (path !== '/v1/messages') expect(error['code']).toBe('model_not_supported')
    }

    // The same entry opened to the user's plan is served: the plan is what refused it.
    const opened = defaultModels().map((entry) => {
      const model = entry as Model
      if (model.id !== 'grok-code-fast-1') return entry
      return { ...model, billing: { multiplier: 0.25, restricted_to: [fakeUserBillingPlan] } }
    })
    fake.upstream.setScenario({ models: opened })
    const served = await fake.post('/chat/completions', {
      model: 'grok-code-fast-1',
      ...bodies['/chat/completions'],
    })
    expect(served.status).toBe(200)
    fake.upstream.setScenario({ models: defaultModels() })
  })

  it('enables a model through POST /models/{id}/policy and nothing else', async () => {
    const wrongState = await fake.post('/models/claude-opus-4.6/policy', { state: 'disabled' })
    expect(wrongState.status).toBe(400)
    const unknown = await fake.post('/models/gpt-9/policy', { state: 'enabled' })
    expect(unknown.status).toBe(404)
    const chatBefore = await fake.post('/chat/completions', {
      model: 'claude-opus-4.6',
      messages: [{ role: 'user', content: 'Hello' }],
    })
    expect(chatBefore.status).toBe(400)

    const enabled = await fake.post('/models/claude-opus-4.6/policy', { state: 'enabled' })
    expect(enabled.status).toBe(200)
    const chatAfter = await fake.post('/chat/completions', {
      model: 'claude-opus-4.6',
      messages: [{ role: 'user', content: 'Hello' }],
    })
    expect(chatAfter.status).toBe(200)
  })
})
