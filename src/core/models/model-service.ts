import type { Model, ModelCatalog } from '../../shared/contract.ts'
import { AppFailure, assertNever } from '../../shared/errors.ts'
import type { CopilotDeps } from '../copilot/copilot-request.ts'
import { readModels, requestModels, type ListedModel } from '../copilot/list-models.ts'
import type { ModelRoute } from '../copilot/model-route.ts'
import type { Clock, Log } from '../ports.ts'
import type { StateFile } from '../settings/state-file.ts'
import { billingPlanOf } from './billing-plan.ts'
import { pickSelectedId, pickSmallModelId } from './default-picks.ts'
import { enableModel } from './enable-model.ts'

/** The model catalog: what `/models` offers this account, and the person's picks among it. */
export type ModelService = {
  /** The picker's catalog; fetches `/models` when the last try is 10 minutes old (§6). */
  list(): Promise<ModelCatalog>
  /** Remembers the picked model across restarts. */
  select(modelId: string): void
  /** Stars or unstars a model (remembered). */
  favourite(modelId: string, favourite: boolean): void
  /** A message was sent with this model: it leads the recent list (at most 5, remembered). */
  noteUsed(modelId: string): void
  /** Accepts the model's policy (§10.1), lists the models again and returns it as it now is. */
  enable(modelId: string): Promise<Model>
  /** Remembers the model that names conversations. */
  selectSmall(modelId: string): void
  /** The model that names conversations, or null when none fits (see `pickSmallModelId`). */
  smallModelId(): Promise<string | null>
  /**
   * Where and how an answer with this model is sent. An unknown id lists the models again once;
   * a model that is unknown, restricted or not enabled throws `model_unavailable`.
   */
  route(modelId: string): Promise<ModelRoute>
  /** The model as last listed, without fetching (token prices and multiplier for usage). */
  model(modelId: string): Model | undefined
  /** Forgets the list (sign-out): the next account may have another plan and policies. */
  clear(): void
}

/** How often `/models` may be fetched (§6: VS Code refreshes every 10 minutes). */
export const modelsRefreshMs = 10 * 60_000
/** How many recently used models are remembered. */
export const maxRecentModels = 5

export type ModelServiceDeps = {
  copilot: CopilotDeps
  state: StateFile
  clock: Clock
  log: Log
  /** The account's `copilot_plan` (§3); null, or a failure, means the plan is unknown. */
  plan(): Promise<string | null>
  /** From `config.json`: the model picked until the person picks one. */
  defaultModel: string | undefined
  /** From `config.json`: the model that names conversations until one is picked in Settings. */
  smallModel: string | undefined
}

/** Creates the model service; nothing is fetched until the catalog or a route is asked for. */
export function createModelService(deps: ModelServiceDeps): ModelService {
  const { state, clock, log } = deps
  /** The last list that arrived; kept when a refresh fails or is rate limited (§6). */
  let listed: ListedModel[] | null = null
  let attemptedAt = 0
  let inFlight: Promise<ListedModel[]> | null = null
  // Bumped by clear(), so a fetch for the previous account cannot land after sign-out.
  let generation = 0

  function fetchNow(): Promise<ListedModel[]> {
    if (inFlight) return inFlight
    const mine = generation
    attemptedAt = clock.now()
    const request = (async () => {
      const [body, plan] = await Promise.all([requestModels(deps.copilot), planOrUnknown()])
      const models = readModels(body, billingPlanOf(plan))
      if (mine === generation) listed = models
      return models
    })()
    inFlight = request
    void request.then(forget, forget)
    function forget() {
      if (inFlight === request) inFlight = null
    }
    return request
  }

  async function planOrUnknown(): Promise<string | null> {
    try {
      return await deps.plan()
    } catch (thrown) {
      // Without the plan no model is marked restricted; Copilot still refuses with a reason.
      log.warn('account plan unavailable; listing models without plan limits', {
        error: thrown instanceof Error ? thrown.message : String(thrown),
      })
      return null
    }
  }

  /** The list, fetched when there is none or the last try is at least 10 minutes old. */
  async function current(): Promise<ListedModel[]> {
    const age = clock.now() - attemptedAt
    if (listed && age >= 0 && age < modelsRefreshMs) return listed
    const previous = listed
    try {
      return await fetchNow()
    } catch (thrown) {
      if (!previous) throw thrown
      log.warn('models refresh failed; keeping the last list', {
        error: thrown instanceof AppFailure ? thrown.error.kind : String(thrown),
      })
      return previous
    }
  }

  /**
   * The list once a policy was accepted. When it cannot be fetched the policy still took effect,
   * so the last list is kept with that model marked ready.
   */
  async function listAfterEnabling(modelId: string): Promise<ListedModel[]> {
    try {
      return await fetchNow()
    } catch (thrown) {
      if (!listed) throw thrown
      listed = listed.map((m) =>
        m.model.id === modelId
          ? { ...m, model: { ...m.model, availability: { state: 'ready' } } }
          : m,
      )
      return listed
    }
  }

  function catalogOf(models: ListedModel[]): ModelCatalog {
    const saved = state.read()
    const picker = models.filter((m) => m.inPicker).map((m) => m.model)
    const offered = new Set(picker.map((m) => m.id))
    return {
      models: picker,
      selectedId: pickSelectedId(picker, saved.selectedModelId, deps.defaultModel),
      smallModelId: smallOf(models, picker),
      // Kept when a model leaves the list for a while; shown again when it returns.
      favouriteIds: (saved.favouriteModelIds ?? []).filter((id) => offered.has(id)),
      recentIds: (saved.recentModelIds ?? []).filter((id) => offered.has(id)),
    }
  }

  function smallOf(models: ListedModel[], picker: Model[]): string | null {
    const known = models.map((m) => m.model)
    return pickSmallModelId(picker, known, state.read().smallModelId, deps.smallModel)
  }

  return {
    async list() {
      return catalogOf(await current())
    },
    select(modelId) {
      state.update({ selectedModelId: modelId })
    },
    favourite(modelId, favourite) {
      const others = (state.read().favouriteModelIds ?? []).filter((id) => id !== modelId)
      state.update({ favouriteModelIds: favourite ? [...others, modelId] : others })
    },
    noteUsed(modelId) {
      const others = (state.read().recentModelIds ?? []).filter((id) => id !== modelId)
      state.update({ recentModelIds: [modelId, ...others].slice(0, maxRecentModels) })
    },
    async enable(modelId) {
      await enableModel(deps.copilot, modelId)
      const found = (await listAfterEnabling(modelId)).find((m) => m.model.id === modelId)
      if (!found) {
        throw new AppFailure({
          kind: 'model_unavailable',
          message: `Copilot accepted enabling ${modelId} but no longer lists it. Pick another model.`,
        })
      }
      return found.model
    },
    selectSmall(modelId) {
      state.update({ smallModelId: modelId })
    },
    async smallModelId() {
      const models = await current()
      return smallOf(
        models,
        models.filter((m) => m.inPicker).map((m) => m.model),
      )
    },
    async route(modelId) {
      const byId = (models: ListedModel[]) => models.find((m) => m.model.id === modelId)
      const before = attemptedAt
      let found = byId(await current())
      // A model added since the last list (or a stale id): list once more, unless that just ran.
      if (!found && attemptedAt === before) found = byId(await fetchNow())
      if (!found) {
        throw new AppFailure({
          kind: 'model_unavailable',
          message: `Copilot does not offer ${modelId} to your account. Pick another model.`,
        })
      }
      const { model } = found
      const availability = model.availability
      switch (availability.state) {
        case 'ready':
          return found.route
        case 'needs_enable':
          throw new AppFailure({
            kind: 'model_unavailable',
            message:
              `${model.name} has to be enabled first: choose Enable next to it in the model ` +
              'picker (or at github.com/settings/copilot/features).',
          })
        case 'restricted':
          throw new AppFailure({
            kind: 'model_unavailable',
            message: `${model.name} is not in your plan (${availability.reason}). Pick another model.`,
          })
        default:
          return assertNever(availability)
      }
    },
    model(modelId) {
      return listed?.find((m) => m.model.id === modelId)?.model
    },
    clear() {
      generation++
      listed = null
      attemptedAt = 0
      inFlight = null
    },
  }
}
