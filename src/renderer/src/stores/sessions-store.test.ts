import { describe, expect, it, vi } from 'vitest'
import { AppFailure } from '../../../shared/errors.ts'
import { createFakeCore } from '../testing/fake-core.ts'
import { createSessionsStore } from './sessions-store.ts'

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
    const core = createFakeCore({ 'sessions:list': () => [summary('a')] })
    const store = createSessionsStore(core.client)
    const loads = [store.getState().load(), store.getState().load(), store.getState().load()]
    await Promise.all(loads)
    expect(core.callsTo('sessions:list')).toHaveLength(2)
    expect(store.getState()).toMatchObject({ status: 'ready', sessions: [summary('a')] })
  })

  it('keeps the list it has when a refresh fails', async () => {
    let fail = false
    const core = createFakeCore({
      'sessions:list': () => {
        if (fail) throw new AppFailure({ kind: 'internal', message: 'The history is unavailable.' })
        return [summary('a')]
      },
    })
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
    const core = createFakeCore({ 'sessions:list': () => [summary('a')] })
    const store = createSessionsStore(core.client)
    const loading = store.getState().load()
    store.getState().reset()
    await loading
    expect(store.getState().sessions).toEqual([])
  })
})

describe('sessions store actions', () => {
  const listed = (...ids: string[]) => ids.map((id, i) => ({ ...summary(id), updatedAt: 100 - i }))

  async function loaded(overrides: Parameters<typeof createFakeCore>[0] = {}) {
    let list = listed('a', 'b', 'c')
    const core = createFakeCore({ 'sessions:list': () => list, ...overrides })
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
    const core = createFakeCore({
      'sessions:list': () => {
        const listed = [{ ...summary('a'), title }]
        return new Promise((resolve) => answers.push(() => resolve(listed)))
      },
      'sessions:rename': (input) => {
        title = input.title
      },
    })
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
