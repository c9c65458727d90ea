import { describe, expect, it } from 'vitest'
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
