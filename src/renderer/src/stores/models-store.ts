import { useStore } from 'zustand'
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { Model } from '../../../shared/contract.ts'
import type { AppError } from '../../../shared/errors.ts'
import type { Client } from '../../../shared/rpc.ts'
import { useAppStores } from './context.ts'

export type ModelsStoreState = {
  status: 'idle' | 'loading' | 'ready' | 'failed'
  models: Model[]
  selectedId: string | null
  loadError: AppError | null
  /** Set when the pick could not be remembered; the pick still applies to this window. */
  selectError: AppError | null
}

export type ModelsStoreActions = {
  load(): Promise<void>
  /** The person picked a model: use it and remember it across restarts. */
  select(modelId: string): Promise<void>
  /** Follow an opened session's model, when this account still has it; not remembered. */
  follow(modelId: string): void
  reset(): void
}

export type ModelsStore = StoreApi<ModelsStoreState & ModelsStoreActions>

export const initialModelsState: ModelsStoreState = {
  status: 'idle',
  models: [],
  selectedId: null,
  loadError: null,
  selectError: null,
}

/** The remembered model if it is still offered, else Copilot's default, else the first. */
export function pickInitialModel(models: Model[], rememberedId: string | null): string | null {
  const remembered = models.find((m) => m.id === rememberedId)
  return (remembered ?? models.find((m) => m.isChatDefault) ?? models[0])?.id ?? null
}

export function createModelsStore(client: Client): ModelsStore {
  let generation = 0

  return createStore<ModelsStoreState & ModelsStoreActions>()((set, get) => ({
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
      const { models, selectedId } = result.value
      const current = get().selectedId
      const keep = current !== null && models.some((m) => m.id === current)
      set({
        status: 'ready',
        models,
        selectedId: keep ? current : pickInitialModel(models, selectedId),
      })
    },
    async select(modelId) {
      if (!get().models.some((m) => m.id === modelId)) return
      set({ selectedId: modelId, selectError: null })
      const result = await client.request('models:select', { modelId })
      if (get().selectedId !== modelId) return
      set({ selectError: result.ok ? null : result.error })
    },
    follow(modelId) {
      if (get().models.some((m) => m.id === modelId)) set({ selectedId: modelId })
    },
    reset() {
      generation++
      set(initialModelsState)
    },
  }))
}

export function useModels<T>(selector: (state: ModelsStoreState & ModelsStoreActions) => T): T {
  return useStore(useAppStores().models, selector)
}
