import { describe, expect, it, vi } from 'vitest'
import type { ConnectionStep } from '../../../shared/contract.ts'
import { AppFailure } from '../../../shared/errors.ts'
import { createFakeCore, testConnectionSteps } from '../testing/fake-core.ts'
import { createConnectionTestStore } from './connection-test-store.ts'

describe('connection test store', () => {
  it('runs the test and keeps its steps', async () => {
    const core = createFakeCore()
    const store = createConnectionTestStore(core.client)
    const running = store.getState().run()
    expect(store.getState().status).toBe('running')
    await running
    expect(store.getState()).toMatchObject({
      status: 'done',
      steps: testConnectionSteps,
      error: null,
    })
  })

  it('reports a request that failed as a whole', async () => {
    const core = createFakeCore({
      'network:test': () => {
        throw new AppFailure({ kind: 'internal', message: 'The test could not run.' })
      },
    })
    const store = createConnectionTestStore(core.client)
    await store.getState().run()
    expect(store.getState()).toMatchObject({
      status: 'failed',
      steps: [],
      error: { kind: 'internal', message: 'The test could not run.' },
    })
  })

  it('runs one test at a time', async () => {
    let answer = (_steps: ConnectionStep[]) => {}
    const core = createFakeCore({
      'network:test': () => new Promise<ConnectionStep[]>((resolve) => (answer = resolve)),
    })
    const store = createConnectionTestStore(core.client)
    const first = store.getState().run()
    await store.getState().run()
    await vi.waitFor(() => expect(core.callsTo('network:test')).toHaveLength(1))
    answer(testConnectionSteps)
    await first
    expect(core.callsTo('network:test')).toHaveLength(1)
    expect(store.getState().status).toBe('done')
  })

  it('drops an answer that arrives after close', async () => {
    let answer = (_steps: ConnectionStep[]) => {}
    const core = createFakeCore({
      'network:test': () => new Promise<ConnectionStep[]>((resolve) => (answer = resolve)),
    })
    const store = createConnectionTestStore(core.client)
    const running = store.getState().run()
    await vi.waitFor(() => expect(core.callsTo('network:test')).toHaveLength(1))
    store.getState().close()
    answer(testConnectionSteps)
    await running
    expect(store.getState()).toMatchObject({ status: 'idle', steps: [], error: null })
  })
})
