import { z } from 'zod'
import {
  channels,
  events,
  isChannel,
  isEventName,
  type Channel,
  type ChannelInput,
  type ChannelOutput,
  type EventName,
  type EventPayload,
} from './contract.ts'
import { appErrorSchema, toAppError, type AppError, type Result } from './errors.ts'

/** What travels over every transport: requests, their responses, and events. */
export const frameSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('request'),
    id: z.number().int(),
    channel: z.string(),
    // JSON drops an undefined input, so the key may be missing.
    input: z.unknown().optional(),
  }),
  z.object({ type: z.literal('response'), id: z.number().int(), result: z.unknown() }),
  z.object({ type: z.literal('event'), event: z.string(), payload: z.unknown() }),
])
export type Frame = z.infer<typeof frameSchema>

/** One end of a duplex frame channel: Electron IPC, a WebSocket, or an in-memory pair. */
export type Transport = {
  send(frame: Frame): void
  onFrame(listener: (frame: Frame) => void): () => void
  /** Fires when the other end is gone; requests still pending then fail as `network`. */
  onClose?(listener: () => void): () => void
}

/** The typed client the renderer uses. */
export type Client = {
  request<C extends Channel>(
    channel: C,
    // Channels whose input may be absent can be called without it.
    ...input: undefined extends ChannelInput<C> ? [input?: ChannelInput<C>] : [ChannelInput<C>]
  ): Promise<Result<ChannelOutput<C>>>
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void
}

const disconnected: AppError = {
  kind: 'network',
  message: 'Lost the connection to LogAI. Reload to reconnect.',
}

/**
 * Checks a response's result against the channel's output schema, or an error against
 * `appErrorSchema`; null when it is neither. Done by hand rather than with a zod union of the
 * two: building that union per channel cost a starting window more than checking (issue 5).
 */
function checkResult(channel: Channel, result: unknown): Result<unknown> | null {
  if (typeof result !== 'object' || result === null) return null
  const { ok, value, error } = result as { ok?: unknown; value?: unknown; error?: unknown }
  if (ok === true) {
    // JSON drops an undefined value (channels whose output is void): absent reads as undefined.
    const parsed = channels[channel].output.safeParse(value)
    return parsed.success ? { ok: true, value: parsed.data } : null
  }
  if (ok === false) {
    const parsed = appErrorSchema.safeParse(error)
    return parsed.success ? { ok: false, error: parsed.data } : null
  }
  return null
}

/** Builds the typed client over a transport; every response and event is checked on arrival. */
export function createClient(transport: Transport): Client {
  let nextId = 1
  const pending = new Map<number, { channel: Channel; settle: (r: Result<unknown>) => void }>()
  const listeners = new Map<string, Set<(payload: unknown) => void>>()

  transport.onFrame((frame) => {
    if (frame.type === 'response') {
      const entry = pending.get(frame.id)
      if (!entry) return
      pending.delete(frame.id)
      entry.settle(
        checkResult(entry.channel, frame.result) ?? {
          ok: false,
          error: { kind: 'internal', message: 'LogAI sent a malformed answer.' },
        },
      )
    } else if (frame.type === 'event' && isEventName(frame.event)) {
      const parsed = events[frame.event].safeParse(frame.payload)
      if (!parsed.success) return
      for (const listener of listeners.get(frame.event) ?? []) listener(parsed.data)
    }
  })
  transport.onClose?.(() => {
    for (const entry of pending.values()) entry.settle({ ok: false, error: disconnected })
    pending.clear()
  })

  return {
    request(channel, ...input) {
      if (!isChannel(channel)) {
        return Promise.resolve({
          ok: false,
          error: { kind: 'invalid_input', message: 'Unknown request.' },
        })
      }
      const id = nextId++
      return new Promise((resolve) => {
        pending.set(id, { channel, settle: resolve as (r: Result<unknown>) => void })
        try {
          transport.send({ type: 'request', id, channel, input: input[0] })
        } catch {
          pending.delete(id)
          resolve({ ok: false, error: disconnected })
        }
      })
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set()
      listeners.set(event, set)
      const untyped = listener as (payload: unknown) => void
      set.add(untyped)
      return () => set.delete(untyped)
    },
  }
}

/** Implements every channel; a handler throws `AppFailure` for a designed failure. */
export type Handlers = {
  [C in Channel]: (input: ChannelInput<C>) => Promise<ChannelOutput<C>> | ChannelOutput<C>
}

/** The one place untrusted input is parsed and a throw becomes data. */
export type Dispatcher = {
  dispatch(channel: unknown, input: unknown): Promise<Result<unknown>>
}

/** Builds the dispatcher; `onInternalError` hears about unexpected throws (for the log). */
export function createDispatcher(
  handlers: Handlers,
  onInternalError: (channel: string, error: unknown) => void = () => {},
): Dispatcher {
  return {
    async dispatch(channel, input) {
      if (!isChannel(channel)) {
        return { ok: false, error: { kind: 'invalid_input', message: 'Unknown request.' } }
      }
      const parsed = channels[channel].input.safeParse(input)
      if (!parsed.success) {
        const issue = parsed.error.issues[0]
        const where = issue && issue.path.length > 0 ? ` (${issue.path.join('.')})` : ''
        return {
          ok: false,
          error: { kind: 'invalid_input', message: `${issue?.message ?? 'Invalid input'}${where}` },
        }
      }
      try {
        const handler = handlers[channel] as (input: unknown) => unknown
        const value = await handler(parsed.data)
        return { ok: true, value }
      } catch (thrown) {
        const error = toAppError(thrown)
        if (error.kind === 'internal') onInternalError(channel, thrown)
        return { ok: false, error }
      }
    },
  }
}

/** Answers the requests arriving on a transport. Returns a function that stops serving it. */
export function serveTransport(dispatcher: Dispatcher, transport: Transport): () => void {
  return transport.onFrame((frame) => {
    if (frame.type !== 'request') return
    void dispatcher.dispatch(frame.channel, frame.input).then((result) => {
      try {
        transport.send({ type: 'response', id: frame.id, result })
      } catch {
        // The other end went away while the request ran; nobody is left to answer.
      }
    })
  })
}

/** Fans events out to every connected transport, checking each payload against the contract. */
export type EventHub = {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void
  attach(transport: Transport): () => void
}

/** Creates an event hub with no transports attached. */
export function createEventHub(): EventHub {
  const transports = new Set<Transport>()
  return {
    emit(event, payload) {
      const checked = events[event].parse(payload)
      for (const transport of transports) {
        try {
          transport.send({ type: 'event', event, payload: checked })
        } catch {
          transports.delete(transport)
        }
      }
    },
    attach(transport) {
      transports.add(transport)
      return () => transports.delete(transport)
    },
  }
}

/**
 * Two connected in-memory ends for tests. Frames are copied through JSON and delivered on a
 * later microtask, as a real transport would.
 */
export function createMemoryTransportPair(): [client: Transport, server: Transport] {
  const make = () => ({ listeners: new Set<(frame: Frame) => void>() })
  const a = make()
  const b = make()
  const end = (self: typeof a, other: typeof a): Transport => ({
    send(frame) {
      const copy = frameSchema.parse(JSON.parse(JSON.stringify(frame)))
      queueMicrotask(() => {
        for (const listener of other.listeners) listener(copy)
      })
    },
    onFrame(listener) {
      self.listeners.add(listener)
      return () => self.listeners.delete(listener)
    },
  })
  return [end(a, b), end(b, a)]
}

/** What the Electron preload exposes on `window.logai`: a transport, allow-listed to the contract. */
export type Bridge = Pick<Transport, 'send' | 'onFrame'>
