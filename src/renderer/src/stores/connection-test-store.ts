import { useStore } from 'zustand'
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { ConnectionStep } from '../../../shared/contract.ts'
import type { AppError } from '../../../shared/errors.ts'
import type { Client } from '../../../shared/rpc-client.ts'
import { useAppStores } from './context.ts'

export type ConnectionTestStoreState = {
  /** `idle`: nothing to show; `failed`: `network:test` itself failed, not one of its steps. */
  status: 'idle' | 'running' | 'done' | 'failed'
  steps: ConnectionStep[]
  error: AppError | null
}

export type ConnectionTestStoreActions = {
  /** Runs `network:test`; does nothing while a test is already running. */
  run(): Promise<void>
  /** Hides the result; an answer still in flight is dropped. */
  close(): void
}

export type ConnectionTestStore = StoreApi<ConnectionTestStoreState & ConnectionTestStoreActions>

export const initialConnectionTestState: ConnectionTestStoreState = {
  status: 'idle',
  steps: [],
  error: null,
}

export function createConnectionTestStore(client: Client): ConnectionTestStore {
  let generation = 0

  return createStore<ConnectionTestStoreState & ConnectionTestStoreActions>()((set, get) => ({
    ...initialConnectionTestState,
    async run() {
      if (get().status === 'running') return
      const mine = ++generation
      set({ status: 'running', steps: [], error: null })
      const result = await client.request('network:test')
      if (mine !== generation) return
      if (result.ok) set({ status: 'done', steps: result.value, error: null })
      else set({ status: 'failed', steps: [], error: result.error })
    },
    close() {
      generation++
      set(initialConnectionTestState)
    },
  }))
}

export function useConnectionTest<T>(
  selector: (state: ConnectionTestStoreState & ConnectionTestStoreActions) => T,
): T {
  return useStore(useAppStores().connectionTest, selector)
}
