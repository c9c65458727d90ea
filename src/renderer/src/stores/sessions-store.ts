import { useStore } from 'zustand'
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { SessionSummary } from '../../../shared/contract.ts'
import type { AppError } from '../../../shared/errors.ts'
import type { Client } from '../../../shared/rpc.ts'
import { useAppStores } from './context.ts'

export type SessionsStoreState = {
  status: 'idle' | 'loading' | 'ready' | 'failed'
  /** Newest first, as the core lists them. */
  sessions: SessionSummary[]
  error: AppError | null
}

export type SessionsStoreActions = {
  load(): Promise<void>
  reset(): void
}

export type SessionsStore = StoreApi<SessionsStoreState & SessionsStoreActions>

export const initialSessionsState: SessionsStoreState = {
  status: 'idle',
  sessions: [],
  error: null,
}

export function createSessionsStore(client: Client): SessionsStore {
  let generation = 0
  let inFlight: Promise<void> | null = null
  let again = false

  return createStore<SessionsStoreState & SessionsStoreActions>()((set, get) => {
    const fetchOnce = async () => {
      const mine = generation
      // Keep showing the current list while refreshing it.
      if (get().status !== 'ready') set({ status: 'loading', error: null })
      const result = await client.request('sessions:list')
      if (mine !== generation) return
      if (result.ok) set({ status: 'ready', sessions: result.value, error: null })
      else set({ status: get().status === 'ready' ? 'ready' : 'failed', error: result.error })
    }

    return {
      ...initialSessionsState,
      load() {
        // A burst of `sessions:changed` becomes one request now and at most one after it.
        if (inFlight) {
          again = true
          return inFlight
        }
        inFlight = (async () => {
          do {
            again = false
            await fetchOnce()
          } while (again)
          inFlight = null
        })()
        return inFlight
      },
      reset() {
        generation++
        again = false
        set(initialSessionsState)
      },
    }
  })
}

export function useSessions<T>(
  selector: (state: SessionsStoreState & SessionsStoreActions) => T,
): T {
  return useStore(useAppStores().sessions, selector)
}
