import { useStore } from 'zustand'
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { Model } from '../../../shared/contract.ts'
import type { AppError } from '../../../shared/errors.ts'
import type { Client } from '../../../shared/rpc-client.ts'
import { useAppStores } from './context.ts'

export type ModelsStoreState = {
  status: 'idle' | 'loading' | 'ready' | 'failed'
  /** Every model the picker offers, ready or not. */
  models: Model[]
  selectedId: string | null
  /** The model that names conversations. */
  smallModelId: string | null
  favouriteIds: string[]
  /** Most recent first. */
  recentIds: string[]
  loadError: AppError | null
  /**
   * Why the last pick, star, small-model choice or Enable did not work. A pick that could not be
   * remembered still applies to this window.
   */
  actionError: AppError | null
  /** The model whose policy is being accepted (§10.1). */
  enablingId: string | null
  /**
   * The model of the session opened last, until another model is picked. When the account can
   * use it, it is picked (also once the list arrives); when not, the picker says which answers.
   */
  followed: { sessionId: string; modelId: string } | null
}

export type ModelsStoreActions = {
  load(): Promise<void>
  /** The person picked a ready model: use it and remember it across restarts. */
  select(modelId: string): Promise<void>
  /** Follows an opened session's model, when this account can use it; not remembered. */
  follow(sessionId: string, modelId: string): void
  /** Stars or unstars a model at once; undone if the core cannot remember it. */
  toggleFavourite(modelId: string): Promise<void>
  /**
   * Accepts a model's policy, then picks it. Resolves true when the model is ready and picked,
   * false when it failed or Copilot has not enabled it yet (`actionError` says which).
   */
  enable(modelId: string): Promise<boolean>
  /** Picks the model that names conversations. */
  selectSmall(modelId: string): Promise<void>
  /** A message was sent with this model: it leads the recent list (the core remembers it). */
  noteUsed(modelId: string): void
  reset(): void
}

export type ModelsStore = StoreApi<ModelsStoreState & ModelsStoreActions>

/** How many recently used models the picker lists (the core keeps the same number). */
export const maxRecentModels = 5

export const initialModelsState: ModelsStoreState = {
  status: 'idle',
  models: [],
  selectedId: null,
  smallModelId: null,
  favouriteIds: [],
  recentIds: [],
  loadError: null,
  actionError: null,
  enablingId: null,
  followed: null,
}

const isReady = (model: Model | undefined): model is Model => model?.availability.state === 'ready'

/** The remembered model if it is usable, else Copilot's default, else the first usable one. */
export function pickInitialModel(models: Model[], rememberedId: string | null): string | null {
  const remembered = models.find((m) => m.id === rememberedId)
  const pick = [remembered].find(isReady) ?? models.find((m) => m.isChatDefault && isReady(m))
  return (pick ?? models.find(isReady))?.id ?? null
}

/** The picked model, when the list has it. */
export function selectPickedModel(state: ModelsStoreState): Model | null {
  return state.models.find((m) => m.id === state.selectedId) ?? null
}

/**
 * The model the open session was with, when this account cannot use it now (retired, not in the
 * plan, not enabled) and another answers instead; null while the list is not in.
 */
export function selectUnusableFollowed(
  state: Pick<ModelsStoreState, 'status' | 'models' | 'followed'>,
  openSessionId: string | null,
): { id: string; name: string } | null {
  const followed = state.followed
  if (state.status !== 'ready' || !followed || followed.sessionId !== openSessionId) return null
  const model = state.models.find((m) => m.id === followed.modelId)
  if (model?.availability.state === 'ready') return null
  return { id: followed.modelId, name: model?.name ?? followed.modelId }
}

/** Whether the picked model takes images (§6.1 `supports.vision`); the composer offers Attach. */
export function selectCanSeeImages(state: ModelsStoreState): boolean {
  return selectPickedModel(state)?.supportsVision === true
}

export function createModelsStore(client: Client): ModelsStore {
  let generation = 0

  return createStore<ModelsStoreState & ModelsStoreActions>()((set, get) => {
    const usable = (modelId: string) => isReady(get().models.find((m) => m.id === modelId))

    return {
      ...initialModelsState,
      async load() {
        const mine = ++generation
        set({ status: 'loading', loadError: null })
        const result = await client.request('models:list')
        if (mine !== generation) return
        if (!result.ok) {
          set({ status: 'failed', loadError: result.error })
          return
        }
        const { models, selectedId, smallModelId, favouriteIds, recentIds } = result.value
        const current = get().selectedId
        const keep = current !== null && isReady(models.find((m) => m.id === current))
        // A session opened before the list came in gets its model now that it is known.
        const followed = get().followed?.modelId
        const follow = isReady(models.find((m) => m.id === followed)) ? followed : undefined
        set({
          status: 'ready',
          models,
          selectedId: follow ?? (keep ? current : pickInitialModel(models, selectedId)),
          smallModelId,
          favouriteIds,
          recentIds,
        })
      },
      async select(modelId) {
        if (!usable(modelId)) return
        set({ selectedId: modelId, actionError: null, followed: null })
        const result = await client.request('models:select', { modelId })
        if (get().selectedId !== modelId) return
        set({ actionError: result.ok ? null : result.error })
      },
      follow(sessionId, modelId) {
        set({ followed: { sessionId, modelId } })
        if (usable(modelId)) set({ selectedId: modelId })
      },
      async toggleFavourite(modelId) {
        const favourite = !get().favouriteIds.includes(modelId)
        const apply = (on: boolean) => {
          const others = get().favouriteIds.filter((id) => id !== modelId)
          set({ favouriteIds: on ? [...others, modelId] : others })
        }
        apply(favourite)
        set({ actionError: null })
        const result = await client.request('models:favourite', { modelId, favourite })
        if (result.ok) return
        apply(!favourite)
        set({ actionError: result.error })
      },
      async enable(modelId) {
        const mine = generation
        set({ enablingId: modelId, actionError: null })
        const result = await client.request('models:enable', { modelId })
        if (mine !== generation) return false
        set({ enablingId: null })
        if (!result.ok) {
          set({ actionError: result.error })
          return false
        }
        const model = result.value
        set({ models: get().models.map((m) => (m.id === model.id ? model : m)) })
        if (model.availability.state !== 'ready') {
          set({
            actionError: {
              kind: 'model_unavailable',
              message: `Copilot has not enabled ${model.name} yet. Try again in a moment.`,
            },
          })
          return false
        }
        await get().select(model.id)
        return true
      },
      async selectSmall(modelId) {
        const previous = get().smallModelId
        set({ smallModelId: modelId, actionError: null })
        const result = await client.request('models:selectSmall', { modelId })
        if (result.ok || get().smallModelId !== modelId) return
        set({ smallModelId: previous, actionError: result.error })
      },
      noteUsed(modelId) {
        const others = get().recentIds.filter((id) => id !== modelId)
        set({ recentIds: [modelId, ...others].slice(0, maxRecentModels) })
      },
      reset() {
        generation++
        set(initialModelsState)
      },
    }
  })
}

export function useModels<T>(selector: (state: ModelsStoreState & ModelsStoreActions) => T): T {
  return useStore(useAppStores().models, selector)
}
