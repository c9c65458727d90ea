import { describe, expect, it } from 'vitest'
import { AppFailure } from '../../../shared/errors.ts'
import { createFakeCore, signedIn } from '../testing/fake-core.ts'
import { createAuthStore } from './auth-store.ts'

describe('auth store', () => {
  it('keeps an auth:changed that arrived while auth:get was in flight', async () => {
    const core = createFakeCore({ 'auth:get': () => ({ kind: 'signed_out' }) })
    const store = createAuthStore(core.client)
    const loading = store.getState().load()
    store.getState().receive({ kind: 'requesting_code' })
    await loading
    expect(store.getState().auth).toEqual({ kind: 'requesting_code' })
  })

  it('reports a failed action and clears it when the step changes', async () => {
    const core = createFakeCore({
      'auth:get': () => ({ kind: 'signed_out' }),
      'auth:start': () => {
        throw new AppFailure({ kind: 'network', message: 'GitHub could not be reached.' })
      },
    })
    const store = createAuthStore(core.client)
    await store.getState().load()
    await store.getState().start()
    expect(store.getState()).toMatchObject({
      busy: null,
      actionError: { message: 'GitHub could not be reached.' },
    })
    store.getState().receive({ kind: 'requesting_code' })
    expect(store.getState().actionError).toBeNull()
  })

  it('reports a failed first load', async () => {
    const core = createFakeCore({
      'auth:get': () => {
        throw new AppFailure({ kind: 'keychain_unavailable', message: 'The keychain is locked.' })
      },
    })
    const store = createAuthStore(core.client)
    await store.getState().load()
    expect(store.getState()).toMatchObject({
      auth: null,
      loadError: { message: 'The keychain is locked.' },
    })
  })

  it('starts on a GitHub Enterprise tenant and retries on the same one', async () => {
    const core = createFakeCore({ 'auth:get': () => ({ kind: 'signed_out' }) })
    const store = createAuthStore(core.client)
    await store.getState().load()
    await store.getState().start({ enterpriseHost: ' acme.ghe.com ' })
    expect(store.getState().enterpriseHost).toBe('acme.ghe.com')
    await store.getState().retry()
    await store.getState().start()
    await store.getState().retry()
    expect(core.callsTo('auth:start')).toEqual([
      { enterpriseHost: 'acme.ghe.com' },
      { enterpriseHost: 'acme.ghe.com' },
      undefined,
      undefined,
    ])
  })

  it('keeps the last real tenant when the core refuses a typed one', async () => {
    const core = createFakeCore({
      'auth:get': () => ({ kind: 'signed_out' }),
      'auth:start': (input) => {
        if (input?.enterpriseHost === 'nope.example.com') {
          throw new AppFailure({ kind: 'invalid_input', message: 'Not a ghe.com domain.' })
        }
      },
    })
    const store = createAuthStore(core.client)
    await store.getState().load()
    await store.getState().start({ enterpriseHost: 'acme.ghe.com' })
    await store.getState().start({ enterpriseHost: 'nope.example.com' })
    expect(store.getState()).toMatchObject({
      enterpriseHost: 'acme.ghe.com',
      actionError: { kind: 'invalid_input', message: 'Not a ghe.com domain.' },
    })
    store.getState().clearActionError()
    expect(store.getState().actionError).toBeNull()
  })

  it('remembers the tenant of a restored sign-in', async () => {
    const core = createFakeCore({ 'auth:get': () => ({ ...signedIn, host: 'acme.ghe.com' }) })
    const store = createAuthStore(core.client)
    await store.getState().load()
    expect(store.getState().enterpriseHost).toBe('acme.ghe.com')
    store.getState().receive({ ...signedIn, host: 'github.com' })
    expect(store.getState().enterpriseHost).toBeNull()
  })
})
