// What travels over every transport, checked by hand: the renderer's client reads frames before
// it may load zod (issue 5: the window's start), and the hosts read them from the renderer.

/** A request, its response, or an event; payloads are checked by `rpc.ts` against the contract. */
export type Frame =
  | { type: 'request'; id: number; channel: string; input?: unknown }
  | { type: 'response'; id: number; result: unknown }
  | { type: 'event'; event: string; payload: unknown }

/** One end of a duplex frame channel: Electron IPC, a WebSocket, or an in-memory pair. */
export type Transport = {
  send(frame: Frame): void
  onFrame(listener: (frame: Frame) => void): () => void
  /** Fires when the other end is gone; requests still pending then fail as `network`. */
  onClose?(listener: () => void): () => void
}

/** What the Electron preload exposes on `window.logai`: a transport, allow-listed to the contract. */
export type Bridge = Pick<Transport, 'send' | 'onFrame'>

/** The frame in a decoded message, with only the frame's own fields; null when it is none. */
export function readFrame(value: unknown): Frame | null {
  if (typeof value !== 'object' || value === null) return null
  const frame = value as Record<string, unknown>
  const isId = (id: unknown): id is number => Number.isInteger(id)
  switch (frame.type) {
    case 'request':
      if (!isId(frame.id) || typeof frame.channel !== 'string') return null
      // JSON drops an undefined input, so the key may be missing.
      return { type: 'request', id: frame.id, channel: frame.channel, input: frame.input }
    case 'response':
      return isId(frame.id) ? { type: 'response', id: frame.id, result: frame.result } : null
    case 'event':
      if (typeof frame.event !== 'string') return null
      return { type: 'event', event: frame.event, payload: frame.payload }
    default:
      return null
  }
}
