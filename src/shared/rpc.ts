// The core's end of the RPC: the dispatcher, the event hub, and an in-memory pair for tests.
// The renderer's end is `rpc-client.ts`; the frames both ends exchange are in `frames.ts`.
import {
  channels,
  events,
  isChannel,
  type Channel,
  type ChannelInput,
  type ChannelOutput,
  type EventName,
  type EventPayload,
} from './contract.ts'
import { toAppError, type Result } from './errors.ts'
import { readFrame, type Frame, type Transport } from './frames.ts'

/** Implements every channel; a handler throws `AppFailure` for a designed failure. */
export type Handlers = {
  [C in Channel]: (input: ChannelInput<C>) => Promise<ChannelOutput<C>> | ChannelOutput<C>
}

/**
 * The one place untrusted input is parsed, answers are checked against the contract, and a throw
 * becomes data.
 */
export type Dispatcher = {
  dispatch(channel: unknown, input: unknown): Promise<Result<unknown>>
}

/**
 * Builds the dispatcher; `onInternalError` hears about unexpected throws and answers that break
 * the contract (for the log).
 */
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
      let value: unknown
      try {
        const handler = handlers[channel] as (input: unknown) => unknown
        value = await handler(parsed.data)
      } catch (thrown) {
        const error = toAppError(thrown)
        if (error.kind === 'internal') onInternalError(channel, thrown)
        return { ok: false, error }
      }
      // Answers are checked here, where a broken one is a bug to log, and not in the renderer,
      // which must start before zod loads. Keys the contract does not name are dropped, so
      // nothing a handler holds on to (a token) reaches the renderer by accident. A void
      // channel answers nothing, whatever its handler returned: TypeScript lets a function that
      // returns a value stand in for one that returns void.
      const schema = channels[channel].output
      const output = schema.safeParse(schema.type === 'void' ? undefined : value)
      if (!output.success) {
        onInternalError(channel, output.error)
        return { ok: false, error: toAppError(output.error) }
      }
      return { ok: true, value: output.data }
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
      const copy = readFrame(JSON.parse(JSON.stringify(frame)))
      if (!copy) throw new Error(`not a frame: ${JSON.stringify(frame)}`)
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
