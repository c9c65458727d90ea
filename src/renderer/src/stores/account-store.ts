import { useStore } from 'zustand'
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { Account } from '../../../shared/contract.ts'
import type { AppError } from '../../../shared/errors.ts'
import type { Client } from '../../../shared/rpc-client.ts'
import { useAppStores } from './context.ts'

export type AccountStoreState = {
  status: 'idle' | 'loading' | 'ready' | 'failed'
  /** The last plan and quota heard of; kept while a refresh is in flight or fails. */
  account: Account | null
  error: AppError | null
}

export type AccountStoreActions = {
  load(): Promise<void>
  /** An `account:changed` from the core. */
  receive(account: Account): void
  reset(): void
}

export type AccountStore = StoreApi<AccountStoreState & AccountStoreActions>

export const initialAccountState: AccountStoreState = {
  status: 'idle',
  account: null,
  error: null,
}

/** `next`, keeping what the previous snapshot of the same account knew and `next` does not. */
export function mergeAccount(previous: Account | null, next: Account): Account {
  if (!previous || previous.login !== next.login || previous.host !== next.host) return next
  // Quota headers after an answer carry no plan; null there means "not said", not "none".
  return {
    ...next,
    plan: next.plan ?? previous.plan,
    quota: next.quota ?? previous.quota,
    resetDate: next.resetDate ?? previous.resetDate,
  }
}

export function createAccountStore(client: Client): AccountStore {
  let generation = 0
  // An `account:changed` that arrives while `account:get` is in flight is newer than its answer.
  let eventsSeen = 0

  return createStore<AccountStoreState & AccountStoreActions>()((set, get) => ({
    ...initialAccountState,
    async load() {
      const mine = ++generation
      const seen = eventsSeen
      set({ status: 'loading', error: null })
      const result = await client.request('account:get')
      if (mine !== generation) return
      if (!result.ok) {
        set({ status: get().account ? 'ready' : 'failed', error: result.error })
        return
      }
      if (eventsSeen !== seen) {
        set({ status: 'ready' })
        return
      }
      set({ status: 'ready', account: mergeAccount(get().account, result.value), error: null })
    },
    receive(account) {
      eventsSeen++
      set({ status: 'ready', account: mergeAccount(get().account, account), error: null })
    },
    reset() {
      generation++
      set(initialAccountState)
    },
  }))
}

export function useAccount<T>(selector: (state: AccountStoreState & AccountStoreActions) => T): T {
  return useStore(useAppStores().account, selector)
}
