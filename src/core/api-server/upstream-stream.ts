import type { EventSourceMessage } from 'eventsource-parser'
import { readSse } from '../copilot/read-sse.ts'

/**
 * Reads an upstream SSE body (see `readSse`), calling `onMessage` for each event in order and
 * `afterRead` once per network read with the raw bytes (so writes to the client are batched per
 * read and wait for a slow client). `onMessage` returns true for the event that ends the answer;
 * reading stops there and the rest is cancelled.
 * Resolves with how the stream ended: `ended` (the closing event came), `closed` (the body ended
 * without it) or `cut` (the connection broke); an abort by `signal` resolves `aborted`.
 */
export async function readUpstreamEvents(
  body: ReadableStream<Uint8Array> | null,
  signal: AbortSignal,
  onMessage: (message: EventSourceMessage) => boolean | void,
  afterRead: (bytes: Uint8Array) => Promise<void> | void,
): Promise<'ended' | 'closed' | 'cut' | 'aborted'> {
  if (!body) return 'cut'
  const end = await readSse(body, onMessage, { afterRead, stop: () => signal.aborted })
  if (end.kind === 'broken') return signal.aborted ? 'aborted' : 'cut'
  if (signal.aborted) return 'aborted'
  return end.kind
}
