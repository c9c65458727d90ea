import { describe, expect, it } from 'vitest'
import type { Frame } from '../../shared/frames.ts'
import { createClient } from '../../shared/rpc-client.ts'
import {
  createBridgeTransport,
  createSocketTransport,
  isSecretMissing,
  rpcUrl,
  type SocketLike,
} from './transport.ts'

type Listener = (event: { data: unknown }) => void

function createFakeSocket() {
  const listeners = new Map<string, Listener[]>()
  const socket = {
    readyState: 0,
    sent: [] as string[],
    send(data: string) {
      socket.sent.push(data)
    },
    close() {},
    addEventListener(type: string, listener: Listener) {
      listeners.set(type, [...(listeners.get(type) ?? []), listener])
    },
    fire(type: 'open' | 'close' | 'message', data?: unknown) {
      if (type === 'open') socket.readyState = 1
      if (type === 'close') socket.readyState = 3
      for (const listener of listeners.get(type) ?? []) listener({ data })
    },
  }
  return socket as typeof socket & SocketLike
}

const response = (id: number, result: unknown) =>
  JSON.stringify({ type: 'response', id, result } satisfies Frame)

describe('socket transport', () => {
  it('queues frames until the socket opens', () => {
    const socket = createFakeSocket()
    const transport = createSocketTransport(socket)
    transport.send({ type: 'request', id: 1, channel: 'auth:get', input: undefined })
    expect(socket.sent).toEqual([])
    socket.fire('open')
    expect(socket.sent.map((s) => JSON.parse(s))).toEqual([
      { type: 'request', id: 1, channel: 'auth:get' },
    ])
    transport.send({ type: 'request', id: 2, channel: 'auth:get', input: undefined })
    expect(socket.sent).toHaveLength(2)
  })

  it('delivers valid frames and drops the rest', () => {
    const socket = createFakeSocket()
    const transport = createSocketTransport(socket)
    const received: Frame[] = []
    transport.onFrame((frame) => received.push(frame))
    socket.fire('message', 'not json')
    socket.fire('message', JSON.stringify({ type: 'nonsense' }))
    socket.fire('message', new ArrayBuffer(2))
    socket.fire(
      'message',
      JSON.stringify({ type: 'event', event: 'sessions:changed', payload: {} }),
    )
    expect(received).toEqual([{ type: 'event', event: 'sessions:changed', payload: {} }])
  })

  it('answers requests through the client', async () => {
    const socket = createFakeSocket()
    const client = createClient(createSocketTransport(socket))
    socket.fire('open')
    const pending = client.request('prompts:history')
    socket.fire('message', response(1, { ok: true, value: [] }))
    expect(await pending).toEqual({ ok: true, value: [] })
  })

  it('fails pending and later requests once the socket closes', async () => {
    const socket = createFakeSocket()
    const transport = createSocketTransport(socket)
    const client = createClient(transport)
    let closed = 0
    transport.onClose?.(() => closed++)
    const pending = client.request('prompts:history')
    socket.fire('close')
    const lost = { ok: false, error: { kind: 'network', message: expect.stringContaining('Lost') } }
    expect(await pending).toEqual(lost)
    expect(await client.request('prompts:history')).toEqual(lost)
    expect(closed).toBe(1)

    let late = 0
    transport.onClose?.(() => late++)
    await Promise.resolve()
    expect(late).toBe(1)
  })
})

describe('bridge transport', () => {
  it('passes frames through the preload bridge', () => {
    const sent: Frame[] = []
    let deliver: (frame: Frame) => void = () => {}
    const transport = createBridgeTransport({
      send: (frame) => void sent.push(frame),
      onFrame: (listener) => {
        deliver = listener
        return () => {}
      },
    })
    const received: Frame[] = []
    transport.onFrame((frame) => received.push(frame))
    transport.send({ type: 'request', id: 1, channel: 'auth:get', input: undefined })
    deliver({ type: 'event', event: 'sessions:changed', payload: {} })
    expect(sent).toHaveLength(1)
    expect(received).toHaveLength(1)
    expect(transport.onClose).toBeUndefined()
  })
})

describe('rpcUrl', () => {
  it('points at /rpc on the same host with the secret', () => {
    expect(rpcUrl({ protocol: 'http:', host: '127.0.0.1:4123', search: '?secret=a+b/c' })).toBe(
      'ws://127.0.0.1:4123/rpc?secret=a%20b%2Fc',
    )
    expect(rpcUrl({ protocol: 'https:', host: 'box:9', search: '?secret=s' })).toBe(
      'wss://box:9/rpc?secret=s',
    )
    expect(isSecretMissing({ search: '' })).toBe(true)
    expect(isSecretMissing({ search: '?secret=x' })).toBe(false)
  })
})
