import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppFailure, type AppError } from '../../shared/errors.ts'
import { scriptedCopilot } from '../copilot/testing/scripted-copilot.ts'
import type { Log } from '../ports.ts'
import { createStateFile } from '../settings/state-file.ts'
import { createModelService, type ModelServiceDeps } from './model-service.ts'

/** §6: at most one `/models` fetch per 10 minutes. */
const tenMinutes = 10 * 60_000
const log: Log = { info: () => {}, warn: () => {}, error: () => {} }

const chat = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: id.toUpperCase(),
  vendor: 'OpenAI',
  model_picker_enabled: true,
  billing: { multiplier: 1 },
  supported_endpoints: ['/chat/completions'],
  capabilities: { type: 'chat', limits: { max_output_tokens: 4096 }, supports: {} },
  ...extra,
})

/** A `/models` upstream whose list and failures the test changes as it goes. */
function createUpstream(initial: unknown[]) {
  let models = initial
  const failures = { models: [] as Response[], policy: [] as Response[] }
  const copilot = scriptedCopilot((url) => {
    const policy = /\/models\/([^/]+)\/policy$/.exec(url)
    if (policy) {
      const refusal = failures.policy.shift()
      if (refusal) return refusal
      const id = decodeURIComponent(policy[1] ?? '')
      models = models.map((m) =>
        (m as { id: string }).id === id ? { ...(m as object), policy: { state: 'enabled' } } : m,
      )
      return new Response(null, { status: 204 })
    }
    return failures.models.shift() ?? Response.json({ data: models, object: 'list' })
  })
  return {
    ...copilot,
    modelFetches: () => copilot.requests.filter((r) => r.url.endsWith('/models')).length,
    setModels: (next: unknown[]) => void (models = next),
    /** The next `/models` answer. */
    failNext: (response: Response) => void failures.models.push(response),
    /** The next policy answer. */
    refusePolicy: (response: Response) => void failures.policy.push(response),
  }
}

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'logai-models-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

function setup(initial: unknown[], overrides: Partial<ModelServiceDeps> = {}) {
  const upstream = createUpstream(initial)
  let now = 1_700_000_000_000
  const clock = { now: () => now, sleep: async () => {} }
  const statePath = join(dir, 'state.json')
  const deps: ModelServiceDeps = {
    copilot: upstream.deps,
    state: createStateFile(statePath, log),
    clock,
    log,
    plan: async () => 'individual',
    defaultModel: undefined,
    smallModel: undefined,
    ...overrides,
  }
  const service = createModelService(deps)
  /** The same state file as a restarted app reads it. */
  const restarted = (more: Partial<ModelServiceDeps> = {}) =>
    createModelService({ ...deps, state: createStateFile(statePath, log), ...more })
  return { service, upstream, advance: (ms: number) => void (now += ms), restarted }
}

async function failureOf(promise: Promise<unknown>): Promise<AppError> {
  const thrown = await promise.then(
    () => undefined,
    (error: unknown) => error,
  )
  expect(thrown).toBeInstanceOf(AppFailure)
  return (thrown as AppFailure).error
}

describe('the model catalog', () => {
  it('lists the picker models and fetches /models at most every 10 minutes (§6)', async () => {
    const { service, upstream, advance } = setup([
      chat('gpt-4.1'),
      chat('hidden', { model_picker_enabled: false }),
    ])
    const catalog = await service.list()
    expect(catalog.models.map((m) => m.id)).toEqual(['gpt-4.1'])
    advance(tenMinutes - 1)
    await service.list()
    expect(upstream.modelFetches()).toBe(1)

    upstream.setModels([chat('gpt-4.1'), chat('gpt-5')])
    advance(1)
    expect((await service.list()).models.map((m) => m.id)).toEqual(['gpt-4.1', 'gpt-5'])
    expect(upstream.modelFetches()).toBe(2)
  })

  it('asks once for callers that arrive together', async () => {
    const { service, upstream } = setup([chat('gpt-4.1')])
    await Promise.all([service.list(), service.list(), service.route('gpt-4.1')])
    expect(upstream.modelFetches()).toBe(1)
  })

  it('keeps the last list when a refresh fails or is rate limited, until the next interval', async () => {
    const { service, upstream, advance } = setup([chat('gpt-4.1')])
    await service.list()
    upstream.setModels([chat('other')])

    upstream.failNext(new Response('{"error":{"message":"busy"}}', { status: 429 }))
    advance(tenMinutes)
    expect((await service.list()).models.map((m) => m.id)).toEqual(['gpt-4.1'])
    // Not asked again at once: the failed try counts as this interval's fetch.
    expect((await service.list()).models.map((m) => m.id)).toEqual(['gpt-4.1'])
    expect(upstream.modelFetches()).toBe(2)

    upstream.failNext(new Response('oops', { status: 502 }))
    advance(tenMinutes)
    expect((await service.list()).models.map((m) => m.id)).toEqual(['gpt-4.1'])

    upstream.failNext(new Response('<html>captive portal</html>', { status: 200 }))
    advance(tenMinutes)
    expect((await service.list()).models.map((m) => m.id)).toEqual(['gpt-4.1'])

    advance(tenMinutes)
    expect((await service.list()).models.map((m) => m.id)).toEqual(['other'])
  })

  it('reports a failure when there is no earlier list, and tries again on the next call', async () => {
    const { service, upstream } = setup([chat('gpt-4.1')])
    upstream.failNext(new Response('{"error":{"message":"down"}}', { status: 503 }))
    expect((await failureOf(service.list())).kind).toBe('upstream')
    expect((await service.list()).models).toHaveLength(1)
  })

  it('lists a model the plan lacks as restricted; an unknown plan restricts nothing', async () => {
    const data = [chat('codex', { billing: { multiplier: 1, restricted_to: ['pro_plus'] } })]
    const pro = setup(data, { plan: async () => 'individual' })
    expect((await pro.service.list()).models[0]?.availability).toEqual({
      state: 'restricted',
      reason: 'Needs Copilot Pro+',
    })
    const unknown = setup(data, {
      plan: async () => {
        throw new AppFailure({ kind: 'network', message: 'GitHub is unreachable.' })
      },
    })
    expect((await unknown.service.list()).models[0]?.availability).toEqual({ state: 'ready' })
  })

  it('fetches again after clear(), for the next account', async () => {
    const { service, upstream } = setup([chat('gpt-4.1')])
    await service.list()
    service.clear()
    expect(service.model('gpt-4.1')).toBeUndefined()
    await service.list()
    expect(upstream.modelFetches()).toBe(2)
  })
})

describe('picks and their persistence', () => {
  const models = [
    chat('gpt-4.1', { model_picker_category: 'versatile', billing: { multiplier: 0 } }),
    chat('claude', { is_chat_default: true }),
    chat('mini', { model_picker_category: 'lightweight', billing: { multiplier: 0 } }),
    chat('locked', { policy: { state: 'disabled' } }),
    chat('titles', { model_picker_enabled: false }),
  ]

  it('picks the remembered model, else config defaultModel, else the chat default', async () => {
    expect((await setup(models).service.list()).selectedId).toBe('claude')
    const configured = setup(models, { defaultModel: 'gpt-4.1' })
    expect((await configured.service.list()).selectedId).toBe('gpt-4.1')
    configured.service.select('mini')
    expect((await configured.service.list()).selectedId).toBe('mini')
    // A remembered model that now needs enabling falls through to one that works.
    configured.service.select('locked')
    expect((await configured.service.list()).selectedId).toBe('gpt-4.1')
  })

  it('picks the first ready model when nothing else applies', async () => {
    const { service } = setup([chat('locked', { policy: { state: 'disabled' } }), chat('b')])
    expect((await service.list()).selectedId).toBe('b')
    expect((await setup([]).service.list()).selectedId).toBeNull()
  })

  it('picks the small model: chosen, else config smallModel, else a free lightweight one', async () => {
    expect((await setup(models).service.list()).smallModelId).toBe('mini')
    const configured = setup(models, { smallModel: 'titles' })
    expect((await configured.service.list()).smallModelId).toBe('titles')
    configured.service.selectSmall('gpt-4.1')
    expect((await configured.service.list()).smallModelId).toBe('gpt-4.1')
    expect(await configured.service.smallModelId()).toBe('gpt-4.1')
    expect((await setup([chat('claude')]).service.list()).smallModelId).toBeNull()
    // No lightweight model: any model the plan includes, so a title costs no premium request.
    const included = setup([chat('claude'), chat('included', { billing: { multiplier: 0 } })])
    expect((await included.service.list()).smallModelId).toBe('included')
  })

  it('remembers the pick, favourites, recent models and small model across restarts', async () => {
    const { service, restarted } = setup(models)
    service.select('gpt-4.1')
    service.favourite('mini', true)
    service.favourite('claude', true)
    service.favourite('gone-model', true)
    service.favourite('mini', false)
    service.selectSmall('gpt-4.1')
    for (const id of ['a', 'b', 'c', 'mini', 'claude', 'gpt-4.1', 'mini']) service.noteUsed(id)

    const catalog = await restarted().list()
    expect(catalog).toMatchObject({
      selectedId: 'gpt-4.1',
      smallModelId: 'gpt-4.1',
      // Only models on offer are shown; the rest stay remembered for when they return.
      favouriteIds: ['claude'],
      recentIds: ['mini', 'gpt-4.1', 'claude'],
    })
    // Five at most, most recent first, each once; favourites in the order they were starred.
    expect(createStateFile(join(dir, 'state.json'), log).read()).toMatchObject({
      recentModelIds: ['mini', 'gpt-4.1', 'claude', 'c', 'b'],
      favouriteModelIds: ['claude', 'gone-model'],
    })
  })
})

describe('routing a model', () => {
  it('gives the route of a ready model', async () => {
    const { service } = setup([
      chat('codex', { supported_endpoints: ['/responses'] }),
      chat('claude', { supported_endpoints: ['/v1/messages'] }),
    ])
    expect(await service.route('codex')).toMatchObject({
      id: 'codex',
      endpoint: 'responses',
      maxOutputTokens: 4096,
    })
    expect((await service.route('claude')).endpoint).toBe('messages')
  })

  it('lists the models again once for an id it does not know', async () => {
    const { service, upstream } = setup([chat('gpt-4.1')])
    await service.list()
    upstream.setModels([chat('gpt-4.1'), chat('brand-new')])
    expect((await service.route('brand-new')).id).toBe('brand-new')
    expect(upstream.modelFetches()).toBe(2)

    const error = await failureOf(service.route('retired'))
    expect(error).toEqual({
      kind: 'model_unavailable',
      message: 'Copilot does not offer retired to your account. Pick another model.',
    })
    expect(upstream.modelFetches()).toBe(3)
  })

  it('does not list twice when the first list of the run lacks the id', async () => {
    const { service, upstream } = setup([chat('gpt-4.1')])
    expect((await failureOf(service.route('retired'))).kind).toBe('model_unavailable')
    expect(upstream.modelFetches()).toBe(1)
  })

  it('refuses a model that needs enabling or that the plan lacks, saying what to do', async () => {
    const { service } = setup([
      chat('locked', { name: 'Claude Opus', policy: { state: 'disabled', terms: 'T' } }),
      chat('codex', { name: 'Codex', billing: { restricted_to: ['enterprise'] } }),
    ])
    const locked = await failureOf(service.route('locked'))
    expect(locked.kind).toBe('model_unavailable')
    expect(locked.message).toMatch(/^Claude Opus has to be enabled first: choose Enable/)
    const codex = await failureOf(service.route('codex'))
    expect(codex).toEqual({
      kind: 'model_unavailable',
      message: 'Codex is not in your plan (Needs Copilot Enterprise). Pick another model.',
    })
  })
})

describe('enabling a model (§10.1)', () => {
  it('posts the policy, lists the models again and returns the model as it now is', async () => {
    const { service, upstream } = setup([
      chat('gpt-4.1'),
      chat('locked', { policy: { state: 'disabled', terms: 'Accept.' } }),
    ])
    await service.list()
    const model = await service.enable('locked')
    expect(model).toMatchObject({ id: 'locked', availability: { state: 'ready' } })

    const post = upstream.requests.find((r) => r.url.endsWith('/policy'))
    expect(post?.url).toBe('https://copilot.test/models/locked/policy')
    expect(post?.init?.method).toBe('POST')
    expect(JSON.parse(String(post?.init?.body))).toEqual({ state: 'enabled' })
    expect(new Headers(post?.init?.headers).get('OpenAI-Intent')).toBe('model-access')
    expect(upstream.modelFetches()).toBe(2)
    expect((await service.route('locked')).id).toBe('locked')
  })

  it('reports a refused policy as an error and leaves the model as it was', async () => {
    const { service, upstream } = setup([chat('locked', { policy: { state: 'disabled' } })])
    await service.list()
    upstream.refusePolicy(
      new Response('{"error":{"message":"Your organization does not allow it"}}', { status: 403 }),
    )
    const error = await failureOf(service.enable('locked'))
    expect(error.message).toContain('Your organization does not allow it')
    expect(service.model('locked')?.availability.state).toBe('needs_enable')
    expect(upstream.modelFetches()).toBe(1)
  })

  it('trusts an accepted policy when the list cannot be fetched right after', async () => {
    const { service, upstream } = setup([chat('locked', { policy: { state: 'disabled' } })])
    await service.list()
    upstream.failNext(new Response('down', { status: 503 }))
    expect((await service.enable('locked')).availability).toEqual({ state: 'ready' })
    expect(upstream.modelFetches()).toBe(2)
  })
})
