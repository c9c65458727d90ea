import { useStore } from 'zustand'
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { Settings } from '../../../shared/contract.ts'
import type { AppError } from '../../../shared/errors.ts'
import type { Client } from '../../../shared/rpc-client.ts'
import { useAppStores } from './context.ts'

export type SettingsStoreState = {
  settings: Settings | null
  status: 'idle' | 'loading' | 'ready' | 'failed'
  error: AppError | null
}

export type SettingsStoreActions = {
  load(): Promise<void>
  /** Saves a change; resolves true once the core kept it. */
  update(patch: Partial<Settings>): Promise<boolean>
  reset(): void
}

export type SettingsStore = StoreApi<SettingsStoreState & SettingsStoreActions>

const initialSettingsState: SettingsStoreState = { settings: null, status: 'idle', error: null }

/** App-wide preferences, read from and saved by the core. */
export function createSettingsStore(client: Client): SettingsStore {
  return createStore<SettingsStoreState & SettingsStoreActions>()((set) => ({
    ...initialSettingsState,
    async load() {
      set({ status: 'loading', error: null })
      const result = await client.request('settings:get')
      set(
        result.ok
          ? { status: 'ready', settings: result.value }
          : { status: 'failed', error: result.error },
      )
    },
    async update(patch) {
      set({ error: null })
      const result = await client.request('settings:update', patch)
      if (!result.ok) {
        set({ error: result.error })
        return false
      }
      set({ status: 'ready', settings: result.value })
      return true
    },
    reset() {
      set(initialSettingsState)
    },
  }))
}

export function useSettings<T>(
  selector: (state: SettingsStoreState & SettingsStoreActions) => T,
): T {
  return useStore(useAppStores().settings, selector)
}
