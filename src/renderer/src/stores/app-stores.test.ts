import { describe, expect, it } from 'vitest'
import { createFakeCore, signedIn, testAccount } from '../testing/fake-core.ts'
import { createManualFrames } from '../testing/manual-frames.ts'
import { createAppStores } from './app-stores.ts'
import { activeStreamId } from './chat-store.ts'

const until = async (check: () => boolean) => {
  for (let i = 0; i < 50 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 0))
  expect(check()).toBe(true)
}

describe('app stores', () => {
  it('loads models and sessions on sign-in and clears them on sign-out', async () => {
    const session = {
      id: 's1',
      title: 'Earlier',
      modelId: 'gpt-4o',
      createdAt: 1,
      updatedAt: 2,
      pinned: false,
    }
    const core = createFakeCore(
      { 'auth:get': () => ({ kind: 'signed_out' }) },
      { sessions: [session] },
    )
    const stores = createAppStores(core.client, createManualFrames())
    await stores.auth.getState().load()
    expect(stores.auth.getState().auth?.kind).toBe('signed_out')
    expect(core.callsTo('models:list')).toHaveLength(0)

    core.hub.emit('auth:changed', signedIn)
    await until(() => stores.sessions.getState().status === 'ready')
    await until(() => stores.models.getState().status === 'ready')
    expect(stores.sessions.getState().sessions).toEqual([session])

    core.hub.emit('auth:changed', { kind: 'signed_out' })
    await until(() => stores.auth.getState().auth?.kind === 'signed_out')
    expect(stores.models.getState().models).toEqual([])
    expect(stores.sessions.getState().sessions).toEqual([])
    stores.dispose()
  })

  it('refetches the session list when sessions change', async () => {
    const core = createFakeCore()
    const stores = createAppStores(core.client, createManualFrames())
    await stores.auth.getState().load()
    await until(() => stores.sessions.getState().status === 'ready')
    const before = core.callsTo('sessions:listPage').length
    core.hub.emit('sessions:changed', {})
    await until(() => core.callsTo('sessions:listPage').length === before + 1)
  })

  it('routes chat events into the chat store', async () => {
    const core = createFakeCore()
    const frames = createManualFrames()
    const stores = createAppStores(core.client, frames)
    await stores.chat.getState().send({ text: 'Hi', modelId: 'gpt-4o' })
    core.hub.emit('chat:delta', { streamId: 'stream-1', text: 'Hello there' })
    await until(() => {
      frames.run()
      return stores.chat.getState().messages[1]?.content === 'Hello there'
    })
  })

  it('drops an answer still streaming when the core signs out', async () => {
    const core = createFakeCore()
    const frames = createManualFrames()
    const stores = createAppStores(core.client, frames)
    await stores.auth.getState().load()
    const chat = () => stores.chat.getState()
    await chat().send({ text: 'Hi', modelId: 'gpt-4o' })
    core.hub.emit('chat:delta', { streamId: 'stream-1', text: 'Half an ans' })
    await until(() => {
      frames.run()
      return chat().messages[1]?.content === 'Half an ans'
    })
    expect(activeStreamId(chat())).toBe('stream-1')

    core.hub.emit('auth:changed', { kind: 'signed_out' })
    await until(() => stores.auth.getState().auth?.kind === 'signed_out')
    expect(chat().messages).toEqual([])
    expect(chat().streams).toEqual({})
    expect(chat().sessionId).toBeNull()
    expect(activeStreamId(chat())).toBeNull()
    stores.dispose()
  })

  it('loads the account on sign-in, follows its changes, and forgets it on sign-out', async () => {
    const core = createFakeCore({ 'auth:get': () => ({ kind: 'signed_out' }) })
    const stores = createAppStores(core.client, createManualFrames())
    await stores.auth.getState().load()
    const changed = { ...testAccount, quota: { ...testAccount.quota!, remaining: 7 } }

    // Nobody is signed in: a stray update is not shown to the next person.
    core.hub.emit('account:changed', changed)
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(stores.account.getState().account).toBeNull()
    expect(core.callsTo('account:get')).toHaveLength(0)

    core.hub.emit('auth:changed', signedIn)
    await until(() => stores.account.getState().status === 'ready')
    expect(stores.account.getState().account).toEqual(testAccount)
    expect(core.callsTo('account:get')).toHaveLength(1)

    core.hub.emit('account:changed', changed)
    await until(() => stores.account.getState().account?.quota?.remaining === 7)

    core.hub.emit('auth:changed', { kind: 'signed_out' })
    await until(() => stores.account.getState().status === 'idle')
    expect(stores.account.getState().account).toBeNull()
    stores.dispose()
  })

  it('closes a connection test when the sign-in state moves on', async () => {
    const core = createFakeCore({ 'auth:get': () => ({ kind: 'signed_out' }) })
    const stores = createAppStores(core.client, createManualFrames())
    await stores.auth.getState().load()
    await stores.connectionTest.getState().run()
    expect(stores.connectionTest.getState().status).toBe('done')

    core.hub.emit('auth:changed', { kind: 'requesting_code' })
    await until(() => stores.connectionTest.getState().status === 'idle')
    stores.dispose()
  })
})
