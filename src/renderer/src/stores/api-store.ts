import { useStore } from 'zustand'
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { ApiDayTotals, ApiRequest, ApiStatus } from '../../../shared/contract.ts'
import type { AppError, Result } from '../../../shared/errors.ts'
import type { Client } from '../../../shared/rpc-client.ts'
import { useAppStores } from './context.ts'

/** How many requests the log view keeps. */
const maxRecent = 200

export type ApiStoreState = {
  status: ApiStatus | null
  /** Set while a change is on its way, so the switch cannot be toggled twice. */
  busy: boolean
  error: AppError | null
  recent: ApiRequest[]
  days: ApiDayTotals[]
}

export type ApiStoreActions = {
  load(): Promise<void>
  update(change: { enabled?: boolean; port?: number }): Promise<void>
  regenerateKey(): Promise<void>
  loadRequests(): Promise<void>
  receiveStatus(status: ApiStatus): void
  receiveRequest(request: ApiRequest): void
  reset(): void
}

export type ApiStore = StoreApi<ApiStoreState & ApiStoreActions>

const initialApiState: ApiStoreState = {
  status: null,
  busy: false,
  error: null,
  recent: [],
  days: [],
}

/** Settings → Local API: the server's switch, port, key and request log. */
export function createApiStore(client: Client): ApiStore {
  return createStore<ApiStoreState & ApiStoreActions>()((set, get) => {
    /** Waits for a request that answers with the server's status, and shows it. */
    const change = async (request: Promise<Result<ApiStatus>>) => {
      set({ busy: true, error: null })
      const result = await request
      set(result.ok ? { busy: false, status: result.value } : { busy: false, error: result.error })
    }
    return {
      ...initialApiState,
      load: () => change(client.request('api:get')),
      update: (input) => change(client.request('api:update', input)),
      regenerateKey: () => change(client.request('api:regenerateKey')),
      async loadRequests() {
        const result = await client.request('api:requests')
        if (result.ok) set({ recent: result.value.recent, days: result.value.days })
        else set({ error: result.error })
      },
      receiveStatus(status) {
        set({ status })
      },
      receiveRequest(request) {
        set({ recent: [request, ...get().recent].slice(0, maxRecent) })
      },
      reset() {
        set(initialApiState)
      },
    }
  })
}

export function useApi<T>(selector: (state: ApiStoreState & ApiStoreActions) => T): T {
  return useStore(useAppStores().api, selector)
}
