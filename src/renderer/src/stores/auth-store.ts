import { useStore } from 'zustand'
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { AuthState } from '../../../shared/contract.ts'
import type { AppError } from '../../../shared/errors.ts'
import type { Client } from '../../../shared/rpc.ts'
import { useAppStores } from './context.ts'

type AuthAction = 'start' | 'cancel' | 'signOut'

export type AuthStoreState = {
  /** null until the core has told us the sign-in state. */
  auth: AuthState | null
  loadError: AppError | null
  /** The request in flight from a sign-in button, if any. */
  busy: AuthAction | null
  actionError: AppError | null
}

export type AuthStoreActions = {
  load(): Promise<void>
  start(): Promise<void>
  cancel(): Promise<void>
  signOut(): Promise<void>
  receive(state: AuthState): void
}

export type AuthStore = StoreApi<AuthStoreState & AuthStoreActions>

export const initialAuthState: AuthStoreState = {
  auth: null,
  loadError: null,
  busy: null,
  actionError: null,
}

export function createAuthStore(client: Client): AuthStore {
  // An `auth:changed` that arrives while `auth:get` is in flight is newer than its answer.
  let eventsSeen = 0

  return createStore<AuthStoreState & AuthStoreActions>()((set, get) => {
    const run = async (
      action: AuthAction,
      channel: 'auth:start' | 'auth:cancel' | 'auth:signOut',
    ) => {
      if (get().busy) return
      set({ busy: action, actionError: null })
      const result = await client.request(channel)
      set({ busy: null, actionError: result.ok ? null : result.error })
    }

    return {
      ...initialAuthState,
      async load() {
        const seen = eventsSeen
        set({ loadError: null })
        const result = await client.request('auth:get')
        if (!result.ok) {
          if (!get().auth) set({ loadError: result.error })
          return
        }
        if (eventsSeen === seen) set({ auth: result.value })
      },
      start: () => run('start', 'auth:start'),
      cancel: () => run('cancel', 'auth:cancel'),
      signOut: () => run('signOut', 'auth:signOut'),
      receive(state) {
        eventsSeen++
        const sameStep = get().auth?.kind === state.kind
        set({ auth: state, loadError: null, actionError: sameStep ? get().actionError : null })
      },
    }
  })
}

export function useAuth<T>(selector: (state: AuthStoreState & AuthStoreActions) => T): T {
  return useStore(useAppStores().auth, selector)
}
