import { describe, expect, it, vi } from 'vitest'
import { requestFirstScreen } from './first-requests.ts'
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
    const core = createFakeCore({ 'sessions:list': () => [session] })
    const stores = createAppStores(core.client, createManualFrames())
    await requestFirstScreen(stores)
    await vi.waitFor(() => expect(stores.sessions.getState().status).toBe('ready'))
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
    const core = createFakeCore({
      'auth:get': () => ({ kind: 'signed_out' }),
      'sessions:list': () => list,
    })
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
})
