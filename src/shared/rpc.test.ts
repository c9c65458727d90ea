import { describe, expect, it, vi } from 'vitest'
import type { AuthState } from './contract.ts'
import { AppFailure } from './errors.ts'
import { createClient } from './rpc-client.ts'
import {
  createDispatcher,
  createEventHub,
  createMemoryTransportPair,
  serveTransport,
  type Handlers,
} from './rpc.ts'

const signedOut: AuthState = { kind: 'signed_out' }

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const unused = () => {
    throw new Error('not used in this test')
  }
  return {
    'auth:get': () => signedOut,
    'auth:start': unused,
    'auth:cancel': unused,
    'auth:signOut': unused,
    'account:get': unused,
    'network:test': unused,
    'app:status': unused,
    'models:list': unused,
    'models:select': unused,
    'models:favourite': unused,
    'models:enable': unused,
    'models:selectSmall': unused,
    'chat:send': unused,
    'chat:regenerate': unused,
    'chat:edit': unused,
    'chat:continue': unused,
    'chat:stop': unused,
    'sessions:setSystemPrompt': unused,
    'settings:get': unused,
    'settings:update': unused,
    'api:get': unused,
    'api:update': unused,
    'api:regenerateKey': unused,
    'api:requests': unused,
    'sessions:listPage': unused,
    'sessions:get': unused,
    'sessions:olderMessages': unused,
    'sessions:rename': unused,
    'sessions:pin': unused,
    'sessions:delete': unused,
    'sessions:restore': unused,
    'sessions:search': unused,
    'sessions:export': unused,
    'sessions:exportAll': unused,
    'sessions:import': unused,
    'prompts:history': unused,
    ...overrides,
  }
}

function connect(h: Handlers, onInternalError?: (channel: string, error: unknown) => void) {
  const [clientEnd, serverEnd] = createMemoryTransportPair()
  const hub = createEventHub()
  serveTransport(createDispatcher(h, onInternalError), serverEnd)
  hub.attach(serverEnd)
  return { client: createClient(clientEnd), hub, serverEnd }
}

describe('rpc over the in-memory pair', () => {
  it('answers a request with the handler value', async () => {
    const { client } = connect(handlers())
    await expect(client.request('auth:get')).resolves.toEqual({ ok: true, value: signedOut })
  })

  it('passes parsed input to the handler', async () => {
    const select = vi.fn()
    const { client } = connect(handlers({ 'models:select': select }))
    await expect(client.request('models:select', { modelId: 'gpt-4.1' })).resolves.toEqual({
      ok: true,
    })
    expect(select).toHaveBeenCalledWith({ modelId: 'gpt-4.1' })
  })

  it('rejects malformed input with invalid_input and never calls the handler', async () => {
    const send = vi.fn()
    const { client } = connect(handlers({ 'chat:send': send }))
    const result = await client.request('chat:send', {
      sessionId: null,
      modelId: 'gpt-4.1',
      text: '   ',
    })
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid_input' } })
    const wrongType = await client.request('models:select', { modelId: 42 } as never)
    expect(wrongType).toMatchObject({ ok: false, error: { kind: 'invalid_input' } })
    expect(send).not.toHaveBeenCalled()
  })

  it('rejects a channel the contract does not name, on both ends', async () => {
    const { client } = connect(handlers())
    const untyped = client.request as (channel: string) => Promise<unknown>
    const fromClient = await untyped('shell:exec')
    expect(fromClient).toMatchObject({ ok: false, error: { kind: 'invalid_input' } })
    const fromDispatcher = await createDispatcher(handlers()).dispatch('shell:exec', 'rm -rf /')
    expect(fromDispatcher).toMatchObject({ ok: false, error: { kind: 'invalid_input' } })
  })

  it('keeps the kind of a designed failure', async () => {
    const { client } = connect(
      handlers({
        'prompts:history': () => {
          throw new AppFailure({ kind: 'rate_limited', message: 'Slow down.', retryAfterMs: 5000 })
        },
      }),
    )
    await expect(client.request('prompts:history')).resolves.toEqual({
      ok: false,
      error: { kind: 'rate_limited', message: 'Slow down.', retryAfterMs: 5000 },
    })
  })

  it('turns an unexpected throw into internal without leaking its message', async () => {
    const onInternalError = vi.fn()
    const { client } = connect(
      handlers({
        'prompts:history': () => {
          throw new Error('secret stack detail')
        },
      }),
      onInternalError,
    )
    const result = await client.request('prompts:history')
    expect(result).toMatchObject({ ok: false, error: { kind: 'internal' } })
    expect(JSON.stringify(result)).not.toContain('secret stack detail')
    expect(onInternalError).toHaveBeenCalledWith('prompts:history', expect.any(Error))
  })

  it('answers internal, and logs it, when a handler breaks the contract', async () => {
    const onInternalError = vi.fn()
    const { client } = connect(
      handlers({ 'auth:get': () => ({ kind: 'bogus' }) as never }),
      onInternalError,
    )
    await expect(client.request('auth:get')).resolves.toMatchObject({
      ok: false,
      error: { kind: 'internal' },
    })
    expect(onInternalError).toHaveBeenCalledWith('auth:get', expect.any(Error))
  })

  it('answers nothing on a void channel, whatever its handler returned', async () => {
    const onInternalError = vi.fn()
    const select = (() => ({ saved: true })) as unknown as Handlers['models:select']
    const { client } = connect(handlers({ 'models:select': select }), onInternalError)
    await expect(client.request('models:select', { modelId: 'gpt-4.1' })).resolves.toEqual({
      ok: true,
      value: undefined,
    })
    expect(onInternalError).not.toHaveBeenCalled()
  })

  it('sends only what the contract names, so nothing else a handler holds leaks', async () => {
    const { client } = connect(
      handlers({ 'auth:get': () => ({ kind: 'signed_out', githubToken: 'gho_secret' }) as never }),
    )
    const result = await client.request('auth:get')
    expect(result).toEqual({ ok: true, value: signedOut })
    expect(JSON.stringify(result)).not.toContain('gho_secret')
  })

  it('delivers events to subscribers, and checks payloads before sending', async () => {
    const { client, hub } = connect(handlers())
    const deltas: string[] = []
    const off = client.on('chat:delta', (payload) => deltas.push(payload.text))
    hub.emit('chat:delta', { streamId: 's1', text: 'Hel' })
    hub.emit('chat:delta', { streamId: 's1', text: 'lo' })
    await new Promise((resolve) => setTimeout(resolve, 0))
    off()
    hub.emit('chat:delta', { streamId: 's1', text: '!' })
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(deltas).toEqual(['Hel', 'lo'])
    expect(() => hub.emit('chat:delta', { streamId: 's1' } as never)).toThrow()
  })

  it('fails pending requests as network when the transport closes', async () => {
    let close: () => void = () => {}
    const [clientEnd] = createMemoryTransportPair()
    const client = createClient({
      ...clientEnd,
      onClose(listener) {
        close = listener
        return () => {}
      },
    })
    const pending = client.request('auth:get')
    close()
    await expect(pending).resolves.toMatchObject({ ok: false, error: { kind: 'network' } })
  })

  it('checks the shape of every answer: anything but a value or a known error is malformed', async () => {
    const [clientEnd, serverEnd] = createMemoryTransportPair()
    const answers: unknown[] = [
      'nonsense',
      { ok: false, error: { kind: 'no_such_kind', message: 'x' } },
      { ok: 'yes', value: signedOut },
      { ok: true },
      { ok: false, error: { kind: 'network', message: 'Offline.' } },
    ]
    serverEnd.onFrame((frame) => {
      if (frame.type !== 'request') return
      serverEnd.send({ type: 'response', id: frame.id, result: answers[frame.id - 1] })
    })
    const client = createClient(clientEnd)
    const malformed = {
      ok: false,
      error: { kind: 'internal', message: 'LogAI sent a malformed answer.' },
    }
    expect(await client.request('auth:get')).toEqual(malformed)
    expect(await client.request('auth:get')).toEqual(malformed)
    expect(await client.request('auth:get')).toEqual(malformed)
    // A void channel's value is dropped by JSON: its absence is the answer.
    expect(await client.request('auth:cancel')).toEqual({ ok: true, value: undefined })
    expect(await client.request('auth:get')).toEqual({
      ok: false,
      error: { kind: 'network', message: 'Offline.' },
    })
  })
})
