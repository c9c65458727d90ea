import { useStore } from 'zustand'
import { createStore, type StoreApi } from 'zustand/vanilla'
import type {
  ExportFile,
  SearchHit,
  SessionPage,
  SessionSummary,
} from '../../../shared/contract.ts'
import type { AppError, Result } from '../../../shared/errors.ts'
import type { Client } from '../../../shared/rpc-client.ts'
import { useAppStores } from './context.ts'
import { whenIdle } from '../when-idle.ts'

/** The sidebar's full-text search: what was asked and what came back. */
export type SessionSearch =
  | { kind: 'idle' }
  /** `hits` are the previous query's, kept on screen while the new one runs. */
  | { kind: 'searching'; query: string; hits: SearchHit[] }
  | { kind: 'ready'; query: string; hits: SearchHit[] }
  | { kind: 'failed'; query: string; error: AppError }

/** What the sidebar tells the person after an action, until dismissed or replaced. */
export type SessionsNotice =
  /** The session left the list; Undo brings it back. */
  | { kind: 'deleted'; session: SessionSummary }
  | { kind: 'imported'; imported: number; skipped: number }

export type SessionsStoreState = {
  /** `ready` once the first page is in; the rest may still be loading (`hasMore`). */
  status: 'idle' | 'loading' | 'ready' | 'failed'
  /** Pinned first, then newest first, as the core lists them. */
  sessions: SessionSummary[]
  /** Pages after the first are still being read; `total` says how many sessions there are. */
  hasMore: boolean
  /** How many sessions the core listed at the last page read, loaded or not. */
  total: number
  /** Why the list could not be loaded. */
  error: AppError | null
  /** Why the last rename, pin, delete, undo, export or import failed. */
  actionError: AppError | null
  notice: SessionsNotice | null
  search: SessionSearch
  /**
   * The person's earlier prompts, newest first, for Up/Down in the message box. They live here
   * because they are part of the person's history, loaded and forgotten with the sessions.
   */
  promptHistory: string[]
}

export type SessionsStoreActions = {
  /**
   * Reads the list: the first page is shown at once (with the sessions listed before below it),
   * the rest once every page is in. Resolves when all of it is.
   */
  load(): Promise<void>
  /**
   * Asks for the first page now, before the sign-in state is known, so it is on its way by the
   * time `load` runs; `reset` forgets it.
   */
  prefetch(): void
  /** Each of these changes the list at once and resolves false (list reloaded) if it failed. */
  rename(id: string, title: string): Promise<boolean>
  setPinned(id: string, pinned: boolean): Promise<boolean>
  /** Removes a session from the list at once and offers Undo through `notice`. */
  remove(id: string): Promise<boolean>
  /** Brings back the session the `deleted` notice names. */
  undoRemove(): Promise<boolean>
  dismissNotice(): void
  /** Shows why an action failed before it reached the core (a file that cannot be imported). */
  showActionError(error: AppError): void
  /** The file to download, or null (with `actionError`) when the core could not export. */
  exportSession(id: string, format: 'markdown' | 'json'): Promise<ExportFile | null>
  exportAll(): Promise<ExportFile | null>
  /** Imports an export file's text; the count of imported and skipped ones becomes a notice. */
  importSessions(content: string): Promise<boolean>
  /** Searches message text and titles; only the latest query's answer is kept. */
  searchFor(query: string): Promise<void>
  clearSearch(): void
  /** Reads the prompt history once the renderer is idle: Up needs it, the first screen not. */
  loadPromptHistory(): Promise<void>
  /** Puts a prompt just sent on top of the history without asking the core again. */
  rememberPrompt(text: string): void
  reset(): void
}

export type SessionsStore = StoreApi<SessionsStoreState & SessionsStoreActions>

export const initialSessionsState: SessionsStoreState = {
  status: 'idle',
  sessions: [],
  hasMore: false,
  total: 0,
  error: null,
  actionError: null,
  notice: null,
  search: { kind: 'idle' },
  promptHistory: [],
}

// `sessions:search` accepts at most this many characters and this many hits.
const maxQueryLength = 500
/** The most results a search shows, best first. */
export const searchLimit = 50

/** The first page: a few screens of rows, so the sidebar fills before the rest is read. */
export const firstPageSize = 60
/** Every later page: few round trips for 10,000 sessions, each parsed in a few milliseconds. */
export const laterPageSize = 1_000

/**
 * A change shown before the core listed it; `apply` returning null removes the session. Once
 * confirmed, it is dropped by the first list whose reading began after that (earlier ones may
 * predate it).
 */
type Patch = {
  id: string
  apply(session: SessionSummary): SessionSummary | null
  /** The number of list requests sent when the core confirmed the change. */
  confirmedAt?: number
}

/** A page's answer and the number of the request that asked for it. */
type PageAnswer = { request: number; result: Result<SessionPage> }

/** Puts `session` back in a newest-first list where its date says it belongs. */
function insertByDate(list: SessionSummary[], session: SessionSummary): SessionSummary[] {
  if (list.some((s) => s.id === session.id)) return list
  const index = list.findIndex((s) => s.updatedAt < session.updatedAt)
  return index === -1 ? [...list, session] : list.toSpliced(index, 0, session)
}

export function createSessionsStore(client: Client): SessionsStore {
  let generation = 0
  let inFlight: Promise<void> | null = null
  let again = false
  let searchTurn = 0
  let listRequests = 0
  let prefetched: Promise<PageAnswer> | null = null
  // Changes not yet in a list from the core: a list asked for before them must not undo them.
  const patches = new Set<Patch>()
  const deleting = new Map<string, { patch: Patch; done: Promise<boolean> }>()

  const withPatches = (list: SessionSummary[], only?: Patch): SessionSummary[] => {
    const applying = only ? [only] : [...patches]
    if (applying.length === 0) return list
    return list.flatMap((session) => {
      let current: SessionSummary | null = session
      for (const patch of applying)
        if (current && patch.id === session.id) current = patch.apply(current)
      return current ? [current] : []
    })
  }

  return createStore<SessionsStoreState & SessionsStoreActions>()((set, get) => {
    const askPage = (after: string | undefined, limit: number): Promise<PageAnswer> => {
      const request = ++listRequests
      return client
        .request('sessions:listPage', after === undefined ? { limit } : { after, limit })
        .then((result) => ({ request, result }))
    }

    /**
     * Reads the whole list, page after page. The first page is shown at once, above the sessions
     * listed before that it did not bring (the rest of an earlier list, kept until replaced);
     * later pages are collected and shown together at the end, so 10,000 sessions cost one
     * render, not one per page.
     */
    const fetchList = async () => {
      const mine = generation
      // Keep showing the current list while refreshing it.
      if (get().status !== 'ready') set({ status: 'loading', error: null })
      // Every session read so far, by id: one read twice (it moved meanwhile) keeps its latest.
      const read = new Map<string, SessionSummary>()
      let pending = prefetched ?? askPage(undefined, firstPageSize)
      prefetched = null
      // The request that began this read.
      let start: number | null = null
      for (;;) {
        const { request, result } = await pending
        if (mine !== generation) return
        if (!result.ok) {
          set({ status: get().status === 'ready' ? 'ready' : 'failed', error: result.error })
          return
        }
        start ??= request
        // Every page of this list was asked for after these changes were confirmed.
        for (const patch of patches) {
          if (patch.confirmedAt !== undefined && patch.confirmedAt < start) patches.delete(patch)
        }
        for (const session of result.value.sessions) read.set(session.id, session)
        const { next, total } = result.value
        const isFirst = request === start
        if (isFirst || next === null) {
          const fresh = withPatches([...read.values()])
          // A change arrived meanwhile and another read follows: keep what may have moved.
          const keepEarlier = next !== null || again
          set({
            status: 'ready',
            sessions: keepEarlier
              ? [...fresh, ...get().sessions.filter((s) => !read.has(s.id))]
              : fresh,
            hasMore: next !== null,
            total,
            error: null,
          })
        }
        if (next === null) return
        pending = whenIdle().then(() => askPage(next, laterPageSize))
      }
    }

    /**
     * Shows `patch` at once, then asks the core; on failure the reloaded list shows the truth.
     * On success the core's `sessions:changed` brings the list that makes the patch redundant.
     */
    const mutate = async (patch: Patch, request: () => Promise<Result<void>>) => {
      const mine = generation
      patches.add(patch)
      set((state) => ({ sessions: withPatches(state.sessions, patch), actionError: null }))
      const result = await request()
      if (mine !== generation) return result.ok
      if (result.ok) {
        patch.confirmedAt = listRequests
        return true
      }
      patches.delete(patch)
      set({ actionError: result.error })
      void get().load()
      return false
    }

    /** Runs a request whose failure only needs saying; null when it failed. */
    const attempt = async <T>(request: () => Promise<Result<T>>): Promise<T | null> => {
      const mine = generation
      set({ actionError: null })
      const result = await request()
      if (mine !== generation) return null
      if (result.ok) return result.value
      set({ actionError: result.error })
      return null
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
            await fetchList()
          } while (again)
          inFlight = null
        })()
        return inFlight
      },
      prefetch() {
        if (get().status === 'idle' && !inFlight) prefetched ??= askPage(undefined, firstPageSize)
      },
      rename(id, title) {
        const trimmed = title.trim()
        return mutate({ id, apply: (session) => ({ ...session, title: trimmed }) }, () =>
          client.request('sessions:rename', { id, title: trimmed }),
        )
      },
      setPinned(id, pinned) {
        return mutate({ id, apply: (session) => ({ ...session, pinned }) }, () =>
          client.request('sessions:pin', { id, pinned }),
        )
      },
      remove(id) {
        const session = get().sessions.find((s) => s.id === id)
        if (!session) return Promise.resolve(false)
        const patch: Patch = { id, apply: () => null }
        set({ notice: { kind: 'deleted', session } })
        const done = mutate(patch, () => client.request('sessions:delete', { id })).then((ok) => {
          if (deleting.get(id)?.patch === patch) deleting.delete(id)
          const notice = get().notice
          if (!ok && notice?.kind === 'deleted' && notice.session.id === id) set({ notice: null })
          return ok
        })
        deleting.set(id, { patch, done })
        return done
      },
      async undoRemove() {
        const notice = get().notice
        if (notice?.kind !== 'deleted') return false
        const { session } = notice
        const mine = generation
        const pending = deleting.get(session.id)
        if (pending) patches.delete(pending.patch)
        set((state) => ({
          notice: null,
          actionError: null,
          sessions: insertByDate(state.sessions, session),
        }))
        // Restoring before the core has deleted would race the delete; a failed delete needs none.
        if (pending && !(await pending.done)) return true
        const result = await client.request('sessions:restore', { id: session.id })
        if (mine !== generation) return result.ok
        if (!result.ok) {
          set({ actionError: result.error })
          void get().load()
        }
        return result.ok
      },
      dismissNotice() {
        set({ notice: null })
      },
      showActionError(error) {
        // The last import's counts would read as this attempt's.
        set((state) => ({
          actionError: error,
          notice: state.notice?.kind === 'imported' ? null : state.notice,
        }))
      },
      exportSession(id, format) {
        return attempt(() => client.request('sessions:export', { id, format }))
      },
      exportAll() {
        return attempt(() => client.request('sessions:exportAll'))
      },
      async importSessions(content) {
        // The last import's counts would read as this one's.
        if (get().notice?.kind === 'imported') set({ notice: null })
        const counts = await attempt(() => client.request('sessions:import', { content }))
        if (counts) set({ notice: { kind: 'imported', ...counts } })
        return counts !== null
      },
      async searchFor(query) {
        const trimmed = query.trim().slice(0, maxQueryLength)
        const turn = ++searchTurn
        if (!trimmed) {
          set({ search: { kind: 'idle' } })
          return
        }
        const previous = get().search
        const hits = 'hits' in previous ? previous.hits : []
        set({ search: { kind: 'searching', query: trimmed, hits } })
        const mine = generation
        const result = await client.request('sessions:search', {
          query: trimmed,
          limit: searchLimit,
        })
        if (turn !== searchTurn || mine !== generation) return
        set({
          search: result.ok
            ? { kind: 'ready', query: trimmed, hits: result.value }
            : { kind: 'failed', query: trimmed, error: result.error },
        })
      },
      clearSearch() {
        searchTurn++
        set({ search: { kind: 'idle' } })
      },
      async loadPromptHistory() {
        const mine = generation
        // Needed for Up in the message box, not for the first screen.
        await whenIdle()
        const result = await client.request('prompts:history')
        if (mine === generation && result.ok) set({ promptHistory: result.value })
      },
      rememberPrompt(text) {
        const prompt = text.trim()
        if (!prompt) return
        set((state) =>
          state.promptHistory[0] === prompt
            ? {}
            : { promptHistory: [prompt, ...state.promptHistory] },
        )
      },
      reset() {
        generation++
        searchTurn++
        again = false
        prefetched = null
        patches.clear()
        deleting.clear()
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
