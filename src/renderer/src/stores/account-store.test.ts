import { describe, expect, it } from 'vitest'
import type { Account } from '../../../shared/contract.ts'
import { AppFailure } from '../../../shared/errors.ts'
import { createFakeCore, testAccount } from '../testing/fake-core.ts'
import { createAccountStore, mergeAccount } from './account-store.ts'

const withRemaining = (remaining: number): Account => ({
  ...testAccount,
  quota: { ...testAccount.quota!, remaining },
})

describe('account store', () => {
  it('loads the account', async () => {
    const core = createFakeCore()
    const store = createAccountStore(core.client)
    await store.getState().load()
    expect(store.getState()).toMatchObject({ status: 'ready', account: testAccount, error: null })
  })

  it('reports a failed first load, and keeps a known account when a refresh fails', async () => {
    let fail = true
    const core = createFakeCore({
      'account:get': () => {
        if (fail) throw new AppFailure({ kind: 'unauthorized', message: 'Sign in first.' })
        return testAccount
      },
    })
    const store = createAccountStore(core.client)
    await store.getState().load()
    expect(store.getState()).toMatchObject({
      status: 'failed',
      account: null,
      error: { kind: 'unauthorized' },
    })
    fail = false
    await store.getState().load()
    fail = true
    await store.getState().load()
    expect(store.getState()).toMatchObject({
      status: 'ready',
      account: testAccount,
      error: { kind: 'unauthorized' },
    })
  })

  it('keeps an account:changed that arrived while account:get was in flight', async () => {
    const core = createFakeCore()
    const store = createAccountStore(core.client)
    const loading = store.getState().load()
    store.getState().receive(withRemaining(42))
    await loading
    expect(store.getState().account?.quota?.remaining).toBe(42)
    expect(store.getState().status).toBe('ready')
  })

  it('ignores an answer that arrives after a reset', async () => {
    const core = createFakeCore()
    const store = createAccountStore(core.client)
    const loading = store.getState().load()
    store.getState().reset()
    await loading
    expect(store.getState()).toMatchObject({ status: 'idle', account: null })
  })

  it('keeps what an update leaves unsaid for the same account only', () => {
    const update = { ...withRemaining(10), plan: null, resetDate: null }
    expect(mergeAccount(testAccount, update)).toEqual({
      ...update,
      plan: testAccount.plan,
      resetDate: testAccount.resetDate,
    })
    const other = { ...update, login: 'hubot' }
    expect(mergeAccount(testAccount, other)).toEqual(other)
    expect(mergeAccount(null, update)).toEqual(update)
  })
})
