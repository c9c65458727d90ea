import { describe, expect, it, vi } from 'vitest'
import { AppFailure } from '../../../shared/errors.ts'
import type { Handlers } from '../../../shared/rpc.ts'
import { createFakeCore } from '../testing/fake-core.ts'
import { createSessionsStore, firstPageSize, laterPageSize } from './sessions-store.ts'

const summary = (id: string) => ({
  id,
  title: id,
  modelId: 'gpt-4o',
  createdAt: 1,
  updatedAt: 1,
  pinned: false,
})

describe('sessions store', () => {
  it('turns a burst of reloads into one request now and one after it', async () => {
    const core = createFakeCore({}, { sessions: [summary('a')] })
    const store = createSessionsStore(core.client)
    const loads = [store.getState().load(), store.getState().load(), store.getState().load()]
    await Promise.all(loads)
    expect(core.callsTo('sessions:listPage')).toHaveLength(2)
    expect(store.getState()).toMatchObject({ status: 'ready', sessions: [summary('a')] })
  })

  it('keeps the list it has when a refresh fails', async () => {
    let fail = false
    const core = createFakeCore(
      {},
      {
        sessions: () => {
          if (fail)
            throw new AppFailure({ kind: 'internal', message: 'The history is unavailable.' })
          return [summary('a')]
        },
      },
    )
    const store = createSessionsStore(core.client)
    await store.getState().load()
    fail = true
    await store.getState().load()
    expect(store.getState()).toMatchObject({
      status: 'ready',
      sessions: [summary('a')],
      error: { message: 'The history is unavailable.' },
    })
  })

  it('ignores an answer that arrives after a reset', async () => {
    const core = createFakeCore({}, { sessions: [summary('a')] })
    const store = createSessionsStore(core.client)
    const loading = store.getState().load()
    store.getState().reset()
    await loading
    expect(store.getState().sessions).toEqual([])
  })
})

describe('sessions store pages', () => {
  /** `count` sessions, newest first, named by their place in the list. */
  const many = (count: number) =>
    Array.from({ length: count }, (_, i) => ({ ...summary(`s${i}`), updatedAt: 100_000 - i }))

  /**
   * A core whose pages each wait for `release()`. It pages as the real store does, by key (here
   * `updatedAt`, unique in these lists): a page starts after the last one's last date.
   */
  function gatedCore(list: () => ReturnType<typeof many>, overrides: Partial<Handlers> = {}) {
    const waiting: Array<() => void> = []
    const core = createFakeCore({
      'sessions:listPage': ({ after, limit }) =>
        new Promise((resolve) =>
          waiting.push(() => {
            const rest = list().filter((s) => after === undefined || s.updatedAt < Number(after))
            const sessions = rest.slice(0, limit)
            const next = rest.length > limit ? String(sessions.at(-1)?.updatedAt) : null
            resolve({ sessions, next, total: list().length })
          }),
        ),
      ...overrides,
    })
    return {
      core,
      /** Answers the page asked for next, once it has been asked for. */
      async release() {
        await vi.waitFor(() => expect(waiting.length).toBeGreaterThan(0))
        waiting.shift()?.()
        await new Promise((resolve) => setTimeout(resolve, 0))
      },
    }
  }

  it('shows the first page at once and the rest once every page is in', async () => {
    const sessions = many(firstPageSize + laterPageSize + 40)
    const { core, release } = gatedCore(() => sessions)
    const store = createSessionsStore(core.client)
    const loading = store.getState().load()
    await release()
    expect(store.getState()).toMatchObject({
      status: 'ready',
      sessions: sessions.slice(0, firstPageSize),
      hasMore: true,
      total: sessions.length,
    })
    await release()
    // The second page is read but not shown alone: the list changes once more, at the end.
    expect(store.getState().sessions).toHaveLength(firstPageSize)
    await release()
    await loading
    expect(store.getState()).toMatchObject({ sessions, hasMore: false })
    expect(core.callsTo('sessions:listPage')).toEqual([
      { limit: firstPageSize },
      { after: String(sessions[firstPageSize - 1]?.updatedAt), limit: laterPageSize },
      {
        after: String(sessions[firstPageSize + laterPageSize - 1]?.updatedAt),
        limit: laterPageSize,
      },
    ])
  })

  it('keeps the sessions listed before below a refreshed first page until the rest is in', async () => {
    const before = many(firstPageSize + 10)
    let current = before
    const { core, release } = gatedCore(() => current)
    const store = createSessionsStore(core.client)
    const first = store.getState().load()
    await release()
    await release()
    await first

    const after = [{ ...summary('new'), updatedAt: 200_000 }, ...before.slice(0, -1)]
    current = after
    const refreshing = store.getState().load()
    await release()
    // The new session is on top, and the one the core no longer lists is still there for now.
    expect(store.getState().sessions.map((s) => s.id)).toEqual(['new', ...before.map((s) => s.id)])
    await release()
    await refreshing
    expect(store.getState().sessions).toEqual(after)
  })

  it('lists a session that moved while the pages were read once, as last read', async () => {
    const sessions = many(firstPageSize + 5)
    let current = sessions
    const { core, release } = gatedCore(() => current)
    const store = createSessionsStore(core.client)
    const loading = store.getState().load()
    await release()
    // Renamed and pushed down elsewhere: the second page lists it again.
    const moved = { ...summary('s0'), title: 'Moved', updatedAt: 1 }
    current = [...sessions.slice(1), moved]
    await release()
    await loading
    const listed = store.getState().sessions
    expect(listed.filter((s) => s.id === 's0')).toEqual([moved])
    expect(listed).toHaveLength(sessions.length)
  })

  it('keeps the first page and says why when a later page fails', async () => {
    const core = createFakeCore({
      'sessions:listPage': ({ after }) => {
        if (after) throw new AppFailure({ kind: 'internal', message: 'Disk on fire.' })
        return { sessions: many(firstPageSize), next: 'more', total: firstPageSize + 1 }
      },
    })
    const store = createSessionsStore(core.client)
    await store.getState().load()
    expect(store.getState()).toMatchObject({
      status: 'ready',
      hasMore: true,
      error: { message: 'Disk on fire.' },
    })
    expect(store.getState().sessions).toHaveLength(firstPageSize)
  })

  it('keeps a rename made while later pages load, in a page read before it was confirmed', async () => {
    let sessions = many(firstPageSize + laterPageSize + 5)
    const { core, release } = gatedCore(() => sessions, {
      'sessions:rename': ({ id, title }) => {
        sessions = sessions.map((s) => (s.id === id ? { ...s, title } : s))
      },
    })
    const store = createSessionsStore(core.client)
    const loading = store.getState().load()
    await release()
    expect(await store.getState().rename('s1', 'Mine')).toBe(true)
    await release()
    await release()
    await loading
    expect(store.getState().sessions.find((s) => s.id === 's1')?.title).toBe('Mine')
  })

  it('does not drop a session that moved up between two pages until it is read again', async () => {
    let sessions = many(firstPageSize + 5)
    const { core, release } = gatedCore(() => sessions)
    const store = createSessionsStore(core.client)
    const first = store.getState().load()
    await release()
    await release()
    await first

    const refreshing = store.getState().load()
    await release()
    // Answered in elsewhere after the first page was read: the second page starts below it.
    const moved = { ...summary('s62'), updatedAt: 200_000 }
    sessions = [moved, ...sessions.filter((s) => s.id !== 's62')]
    void store.getState().load()
    await release()
    expect(store.getState().sessions.map((s) => s.id)).toContain('s62')
    await release()
    await release()
    await refreshing
    expect(store.getState().sessions).toEqual(sessions)
  })

  it('shows a first page asked for before loading, without asking again', async () => {
    const core = createFakeCore({}, { sessions: [summary('a')] })
    const store = createSessionsStore(core.client)
    store.getState().prefetch()
    expect(core.callsTo('sessions:listPage')).toHaveLength(0)
    await vi.waitFor(() => expect(core.callsTo('sessions:listPage')).toHaveLength(1))
    await store.getState().load()
    expect(core.callsTo('sessions:listPage')).toHaveLength(1)
    expect(store.getState().sessions).toEqual([summary('a')])
  })

  it('forgets a page asked for before a reset', async () => {
    let list = [summary('before')]
    const core = createFakeCore({}, { sessions: () => list })
    const store = createSessionsStore(core.client)
    store.getState().prefetch()
    await vi.waitFor(() => expect(core.callsTo('sessions:listPage')).toHaveLength(1))
    store.getState().reset()
    list = [summary('after')]
    await store.getState().load()
    expect(store.getState().sessions).toEqual([summary('after')])
  })
})

describe('sessions store actions', () => {
  const listed = (...ids: string[]) => ids.map((id, i) => ({ ...summary(id), updatedAt: 100 - i }))

  async function loaded(overrides: Parameters<typeof createFakeCore>[0] = {}) {
    let list = listed('a', 'b', 'c')
    const core = createFakeCore(overrides, { sessions: () => list })
    const store = createSessionsStore(core.client)
    await store.getState().load()
    return { core, store, setList: (next: typeof list) => (list = next) }
  }
  const ids = (store: ReturnType<typeof createSessionsStore>) =>
    store.getState().sessions.map((s) => s.id)

  it('hides a deleted session at once, also from a list loaded meanwhile, and undoes it', async () => {
    let finishDelete: () => void = () => {}
    const { core, store } = await loaded({
      'sessions:delete': () => new Promise<void>((resolve) => (finishDelete = resolve)),
    })
    const deleting = store.getState().remove('b')
    expect(ids(store)).toEqual(['a', 'c'])
    expect(store.getState().notice).toMatchObject({ kind: 'deleted', session: { id: 'b' } })
    // The core still lists it until the delete lands.
    await store.getState().load()
    expect(ids(store)).toEqual(['a', 'c'])

    const undoing = store.getState().undoRemove()
    expect(ids(store)).toEqual(['a', 'b', 'c'])
    expect(store.getState().notice).toBeNull()
    // Restore waits for the delete, or the core could see them the wrong way round.
    await new Promise((resolve) => setTimeout(resolve, 5))
    expect(core.callsTo('sessions:restore')).toEqual([])
    finishDelete()
    expect(await deleting).toBe(true)
    expect(await undoing).toBe(true)
    expect(core.callsTo('sessions:restore')).toEqual([{ id: 'b' }])
  })

  it('shows the truth again and says why when a rename fails', async () => {
    const { store } = await loaded({
      'sessions:rename': () => {
        throw new AppFailure({ kind: 'internal', message: 'The history is read-only.' })
      },
    })
    const renaming = store.getState().rename('a', '  New name ')
    expect(store.getState().sessions[0]?.title).toBe('New name')
    expect(await renaming).toBe(false)
    await store.getState().load()
    expect(store.getState().sessions[0]?.title).toBe('a')
    expect(store.getState().actionError?.message).toBe('The history is read-only.')
  })

  it('does not let a list asked for before a rename undo it, nor keep it over later ones', async () => {
    let title = 'a'
    const answers: Array<() => void> = []
    const core = createFakeCore(
      {
        'sessions:rename': (input) => {
          title = input.title
        },
      },
      {
        sessions: () => {
          const listed = [{ ...summary('a'), title }]
          return new Promise((resolve) => answers.push(() => resolve(listed)))
        },
      },
    )
    const store = createSessionsStore(core.client)
    const stale = store.getState().load()
    await vi.waitFor(() => expect(answers).toHaveLength(1))
    expect(await store.getState().rename('a', 'Mine')).toBe(true)
    answers[0]?.()
    await stale
    expect(store.getState().sessions[0]?.title).toBe('Mine')

    // Renamed again elsewhere: a list asked for after the rename is the truth.
    title = 'Theirs'
    const fresh = store.getState().load()
    await vi.waitFor(() => expect(answers).toHaveLength(2))
    answers[1]?.()
    await fresh
    expect(store.getState().sessions[0]?.title).toBe('Theirs')
  })

  it('keeps only the latest search answer', async () => {
    const answers: Record<string, () => void> = {}
    const { store } = await loaded({
      'sessions:search': ({ query }) =>
        new Promise((resolve) => {
          answers[query] = () =>
            resolve([
              {
                sessionId: 'a',
                title: query,
                updatedAt: 1,
                messageId: null,
                snippet: query,
                highlights: [],
              },
            ])
        }),
    })
    const first = store.getState().searchFor('bor')
    const second = store.getState().searchFor('borrow ')
    await vi.waitFor(() => expect(Object.keys(answers)).toHaveLength(2))
    answers.borrow?.()
    await second
    answers.bor?.()
    await first
    expect(store.getState().search).toMatchObject({ kind: 'ready', query: 'borrow' })
    expect(store.getState().search).toMatchObject({ hits: [{ title: 'borrow' }] })

    store.getState().clearSearch()
    expect(store.getState().search).toEqual({ kind: 'idle' })
  })

  it('keeps the prompt history newest first without repeating the last prompt', async () => {
    const { store } = await loaded({ 'prompts:history': () => ['older', 'oldest'] })
    await store.getState().loadPromptHistory()
    store.getState().rememberPrompt(' newest ')
    store.getState().rememberPrompt('newest')
    expect(store.getState().promptHistory).toEqual(['newest', 'older', 'oldest'])
  })

  it('reports what an import brought in', async () => {
    const { core, store } = await loaded({
      'sessions:import': () => ({ imported: 3, skipped: 1 }),
    })
    expect(await store.getState().importSessions('{"sessions":[]}')).toBe(true)
    expect(core.callsTo('sessions:import')).toEqual([{ content: '{"sessions":[]}' }])
    expect(store.getState().notice).toEqual({ kind: 'imported', imported: 3, skipped: 1 })
  })
})
