import { readFrame, type Bridge, type Frame, type Transport } from '../../shared/frames.ts'

/** The WebSocket surface the transport needs, so tests can hand in a fake socket. */
export type SocketLike = {
  readonly readyState: number
  send(data: string): void
  close(): void
  addEventListener(type: 'open' | 'close', listener: () => void): void
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void
}

const OPEN = 1

/** Wraps the Electron preload bridge; IPC lives as long as the window, so it never closes. */
export function createBridgeTransport(bridge: Bridge): Transport {
  return {
    send: (frame) => bridge.send(frame),
    onFrame: (listener) => bridge.onFrame(listener),
  }
}

/** A transport over one WebSocket: frames sent before it opens are queued, bad frames dropped. */
export function createSocketTransport(socket: SocketLike): Transport {
  const frameListeners = new Set<(frame: Frame) => void>()
  const closeListeners = new Set<() => void>()
  const queue: string[] = []
  let closed = false

  socket.addEventListener('open', () => {
    for (const data of queue.splice(0)) socket.send(data)
  })
  socket.addEventListener('message', (event) => {
    if (typeof event.data !== 'string') return
    let json: unknown
    try {
      json = JSON.parse(event.data)
    } catch {
      return
    }
    const frame = readFrame(json)
    if (!frame) return
    for (const listener of frameListeners) listener(frame)
  })
  socket.addEventListener('close', () => {
    if (closed) return
    closed = true
    queue.length = 0
    for (const listener of closeListeners) listener()
  })

  return {
    send(frame) {
      if (closed) throw new Error('The connection to LogAI is closed.')
      const data = JSON.stringify(frame)
      if (socket.readyState === OPEN) socket.send(data)
      else queue.push(data)
    },
    onFrame(listener) {
      frameListeners.add(listener)
      return () => frameListeners.delete(listener)
    },
    onClose(listener) {
      if (closed) {
        queueMicrotask(listener)
        return () => {}
      }
      closeListeners.add(listener)
      return () => closeListeners.delete(listener)
    },
  }
}

/** The web host's RPC address for the page it served, carrying the per-launch secret. */
export function rpcUrl(location: Pick<Location, 'protocol' | 'host' | 'search'>): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws'
  const secret = new URLSearchParams(location.search).get('secret') ?? ''
  return `${scheme}://${location.host}/rpc?secret=${encodeURIComponent(secret)}`
}

/** True when the page was opened without the secret the web host needs. */
export function isSecretMissing(location: Pick<Location, 'search'>): boolean {
  return !new URLSearchParams(location.search).get('secret')
}

/** The Electron bridge when the preload provided one, otherwise a WebSocket to the web host. */
export function createTransport(): Transport {
  const bridge = (window as Window & { logai?: Bridge }).logai
  if (bridge) return createBridgeTransport(bridge)
  return createSocketTransport(new WebSocket(rpcUrl(window.location)))
}
