import { isChannelName, isEventNameValue } from './channel-names.ts'
import type { Channel, ChannelInput, ChannelOutput, EventName, EventPayload } from './contract.ts'
import { isAppError, type AppError, type Result } from './errors.ts'
import type { Transport } from './frames.ts'

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

const malformed: AppError = { kind: 'internal', message: 'LogAI sent a malformed answer.' }

/**
 * A response's result, or null when it is not one. Values and event payloads are not checked
 * again here: the core checks every answer and event against the contract before it sends them
 * (rpc.ts), and this client must work before zod is loaded (issue 5: the window's start).
 */
function readResult(result: unknown): Result<unknown> | null {
  if (typeof result !== 'object' || result === null) return null
  const { ok, value, error } = result as { ok?: unknown; value?: unknown; error?: unknown }
  // JSON drops an undefined value (channels whose output is void): absent reads as undefined.
  if (ok === true) return { ok: true, value }
  if (ok === false && isAppError(error)) return { ok: false, error }
  return null
}

/** Builds the typed client over a transport. */
export function createClient(transport: Transport): Client {
  let nextId = 1
  const pending = new Map<number, (result: Result<unknown>) => void>()
  const listeners = new Map<string, Set<(payload: unknown) => void>>()

  transport.onFrame((frame) => {
    if (frame.type === 'response') {
      const settle = pending.get(frame.id)
      if (!settle) return
      pending.delete(frame.id)
      settle(readResult(frame.result) ?? { ok: false, error: malformed })
    } else if (frame.type === 'event' && isEventNameValue(frame.event)) {
      for (const listener of listeners.get(frame.event) ?? []) listener(frame.payload)
    }
  })
  transport.onClose?.(() => {
    for (const settle of pending.values()) settle({ ok: false, error: disconnected })
    pending.clear()
  })

  return {
    request(channel, ...input) {
      if (!isChannelName(channel)) {
        return Promise.resolve({
          ok: false,
          error: { kind: 'invalid_input', message: 'Unknown request.' },
        })
      }
      const id = nextId++
      return new Promise((resolve) => {
        pending.set(id, resolve as (result: Result<unknown>) => void)
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
