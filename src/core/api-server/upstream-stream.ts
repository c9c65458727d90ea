import { createParser, type EventSourceMessage } from 'eventsource-parser'

/**
 * Reads an upstream SSE body through `eventsource-parser` (never a hand-written parser, §7.2),
 * calling `onMessage` for each event in order and `afterRead` once per network read with the raw
 * bytes (so writes to the client are batched per read and wait for a slow client). Bytes are
 * decoded as a stream: a character split across reads arrives whole. `onMessage` returns true for
 * the event that ends the answer; reading stops there and the rest is cancelled.
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
  let ended = false
  const parser = createParser({
    onEvent(message) {
      if (!ended && onMessage(message) === true) ended = true
    },
  })
  const reader = body.getReader()
  const decoder = new TextDecoder()
  let drained = false
  try {
    for (;;) {
      const { value, done } = await reader.read()
      if (done) {
        drained = true
        // A server that closes without the blank line after its last event still meant it.
        parser.feed(`${decoder.decode()}\n\n`)
        break
      }
      parser.feed(decoder.decode(value, { stream: true }))
      await afterRead(value)
      if (ended || signal.aborted) break
    }
  } catch {
    return signal.aborted ? 'aborted' : 'cut'
  } finally {
    reader.releaseLock()
    if (!drained) await body.cancel().catch(() => {})
  }
  if (signal.aborted) return 'aborted'
  return ended ? 'ended' : 'closed'
}
