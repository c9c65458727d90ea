import { describe, expect, it, vi } from 'vitest'
import { AppFailure } from '../../shared/errors.ts'
import { atMost, requestFirstScreen } from './first-requests.ts'
import { createAppStores } from './stores/app-stores.ts'
import { createFakeCore, signedIn } from './testing/fake-core.ts'
import { createManualFrames } from './testing/manual-frames.ts'

const session = {
  id: 's1',
  title: 'Earlier',
  modelId: 'gpt-4o',
  createdAt: 1,
  updatedAt: 2,
  pinned: false,
}

describe('the first requests', () => {
  it('asks for the sign-in state first and the first page beside it, once', async () => {
    const core = createFakeCore({}, { sessions: [session] })
    const stores = createAppStores(core.client, createManualFrames())
    await requestFirstScreen(stores)
    // Settled only with the rows in: the window is drawn once, with its history.
    expect(stores.sessions.getState().status).toBe('ready')
    expect(core.calls.map((call) => call.channel).slice(0, 3)).toEqual([
      'app:status',
      'auth:get',
      'sessions:listPage',
    ])
    expect(core.callsTo('sessions:listPage')).toHaveLength(1)
    expect(stores.sessions.getState().sessions).toEqual([session])
    stores.dispose()
  })

  it('drops the first page when signed out, and reads the list afresh at sign-in', async () => {
    let list: (typeof session)[] = []
    const core = createFakeCore(
      { 'auth:get': () => ({ kind: 'signed_out' }) },
      { sessions: () => list },
    )
    const stores = createAppStores(core.client, createManualFrames())
    await requestFirstScreen(stores)
    expect(stores.sessions.getState()).toMatchObject({ status: 'idle', sessions: [] })

    list = [session]
    core.hub.emit('auth:changed', signedIn)
    await vi.waitFor(() => expect(stores.sessions.getState().status).toBe('ready'))
    expect(stores.sessions.getState().sessions).toEqual([session])
    expect(core.callsTo('sessions:listPage')).toHaveLength(2)
    stores.dispose()
  })

  it('settles with the failure when the first page cannot be read, so the window shows it', async () => {
    const core = createFakeCore({
      'sessions:listPage': () => {
        throw new AppFailure({ kind: 'internal', message: 'The history could not be read.' })
      },
    })
    const stores = createAppStores(core.client, createManualFrames())
    await requestFirstScreen(stores)
    expect(stores.sessions.getState()).toMatchObject({
      status: 'failed',
      error: { message: 'The history could not be read.' },
    })
    stores.dispose()
  })
})

describe('atMost', () => {
  it('waits for the first screen, but no longer than the time given', async () => {
    vi.useFakeTimers()
    try {
      let answered = false
      void atMost(Promise.resolve(), 300).then(() => (answered = true))
      await vi.advanceTimersByTimeAsync(0)
      expect(answered).toBe(true)

      let gaveUp = false
      void atMost(new Promise(() => {}), 300).then(() => (gaveUp = true))
      await vi.advanceTimersByTimeAsync(299)
      expect(gaveUp).toBe(false)
      await vi.advanceTimersByTimeAsync(1)
      expect(gaveUp).toBe(true)

      let failed = false
      void atMost(Promise.reject(new Error('no core')), 300).then(() => (failed = true))
      await vi.advanceTimersByTimeAsync(0)
      expect(failed).toBe(true)
    } finally {
      vi.useRealTimers()
    }
  })
})
