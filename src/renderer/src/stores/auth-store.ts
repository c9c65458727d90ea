import { useStore } from 'zustand'
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { AuthState } from '../../../shared/contract.ts'
import type { AppError, Result } from '../../../shared/errors.ts'
import type { Client } from '../../../shared/rpc-client.ts'
import { useAppStores } from './context.ts'

type AuthAction = 'start' | 'cancel' | 'signOut'

/** What `auth:start` is asked for: github.com, or a GitHub Enterprise Cloud tenant. */
export type StartOptions = { enterpriseHost?: string }

export type AuthStoreState = {
  /** null until the core has told us the sign-in state. */
  auth: AuthState | null
  loadError: AppError | null
  /** The request in flight from a sign-in button, if any. */
  busy: AuthAction | null
  actionError: AppError | null
  /** The GitHub Enterprise tenant of the last sign-in attempt; null for github.com. */
  enterpriseHost: string | null
  /** The tenant `config.json` names, offered in the enterprise form. */
  suggestedEnterpriseHost: string | null
}

export type AuthStoreActions = {
  load(): Promise<void>
  /** Starts a device flow on github.com, or on `enterpriseHost` when given. */
  start(options?: StartOptions): Promise<void>
  /** Starts a device flow on the same host as the last attempt. */
  retry(): Promise<void>
  cancel(): Promise<void>
  signOut(): Promise<void>
  clearActionError(): void
  receive(state: AuthState): void
  suggestEnterpriseHost(host: string | null): void
}

export type AuthStore = StoreApi<AuthStoreState & AuthStoreActions>

export const initialAuthState: AuthStoreState = {
  auth: null,
  loadError: null,
  busy: null,
  actionError: null,
  enterpriseHost: null,
  suggestedEnterpriseHost: null,
}

const isEnterpriseHost = (host: string) => /\.ghe\.com$/i.test(host)

export function createAuthStore(client: Client): AuthStore {
  // An `auth:changed` that arrives while `auth:get` is in flight is newer than its answer.
  let eventsSeen = 0

  return createStore<AuthStoreState & AuthStoreActions>()((set, get) => {
    const run = async (action: AuthAction, request: () => Promise<Result<unknown>>) => {
      if (get().busy) return null
      set({ busy: action, actionError: null })
      const result = await request()
      set({ busy: null, actionError: result.ok ? null : result.error })
      return result.ok ? null : result.error
    }

    const start = async (options: StartOptions = {}) => {
      if (get().busy) return
      const enterpriseHost = options.enterpriseHost?.trim() || null
      const previous = get().enterpriseHost
      set({ enterpriseHost })
      const error = await run('start', () =>
        client.request('auth:start', enterpriseHost ? { enterpriseHost } : undefined),
      )
      // A tenant the core refused was never tried; "Try again" keeps the last real one.
      if (error?.kind === 'invalid_input' && get().enterpriseHost === enterpriseHost) {
        set({ enterpriseHost: previous })
      }
    }

    const apply = (state: AuthState) => {
      const sameStep = get().auth?.kind === state.kind
      set({
        auth: state,
        loadError: null,
        actionError: sameStep ? get().actionError : null,
        // After a restart only the signed-in host says which tenant "Sign in again" should use.
        ...(state.kind === 'signed_in'
          ? { enterpriseHost: isEnterpriseHost(state.host) ? state.host : null }
          : {}),
      })
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
        if (eventsSeen === seen) apply(result.value)
      },
      start,
      retry() {
        const host = get().enterpriseHost
        return start(host ? { enterpriseHost: host } : {})
      },
      cancel: async () => void (await run('cancel', () => client.request('auth:cancel'))),
      signOut: async () => void (await run('signOut', () => client.request('auth:signOut'))),
      suggestEnterpriseHost(host) {
        set({ suggestedEnterpriseHost: host })
      },
      clearActionError() {
        set({ actionError: null })
      },
      receive(state) {
        eventsSeen++
        apply(state)
      },
    }
  })
}

export function useAuth<T>(selector: (state: AuthStoreState & AuthStoreActions) => T): T {
  return useStore(useAppStores().auth, selector)
}
