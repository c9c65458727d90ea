import { useStore } from 'zustand'
import { createStore, type StoreApi } from 'zustand/vanilla'
import { useAppStores } from './context.ts'

export type NoticesStoreState = {
  connectionLost: boolean
  /** Why the connection may have failed, when we can tell. */
  connectionHint: string | null
  /** What was wrong with config.json, until the person dismisses it. */
  configProblem: string | null
  /**
   * What was wrong with the history file at start and what LogAI did (moved it aside, or keeps
   * history in memory for this run), until the person dismisses it.
   */
  storageProblem: string | null
}

export type NoticesStoreActions = {
  markConnectionLost(hint?: string): void
  showConfigProblem(problem: string | null): void
  dismissConfigProblem(): void
  showStorageProblem(problem: string | null): void
  dismissStorageProblem(): void
}

export type NoticesStore = StoreApi<NoticesStoreState & NoticesStoreActions>

export const initialNoticesState: NoticesStoreState = {
  connectionLost: false,
  connectionHint: null,
  configProblem: null,
  storageProblem: null,
}

export function createNoticesStore(): NoticesStore {
  return createStore<NoticesStoreState & NoticesStoreActions>()((set) => ({
    ...initialNoticesState,
    markConnectionLost(hint) {
      set({ connectionLost: true, connectionHint: hint ?? null })
    },
    showConfigProblem(problem) {
      set({ configProblem: problem })
    },
    dismissConfigProblem() {
      set({ configProblem: null })
    },
    showStorageProblem(problem) {
      set({ storageProblem: problem })
    },
    dismissStorageProblem() {
      set({ storageProblem: null })
    },
  }))
}

export function useNotices<T>(selector: (state: NoticesStoreState & NoticesStoreActions) => T): T {
  return useStore(useAppStores().notices, selector)
}
