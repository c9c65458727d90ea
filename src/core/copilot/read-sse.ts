/**
 * Reading a server-sent-events body, shared by the app's own answers (`answer-wire.ts`) and the
 * local API's proxy (`api-server/upstream-stream.ts`): both read Copilot's streams the same way and
 * differ only in how they report the end.
 */

import { createParser, type EventSourceMessage } from 'eventsource-parser'

/**
 * How reading ended: the closing event came (`ended`), the body ended without it (`closed`), or a
 * read or `onMessage` threw (`broken`, with what was thrown).
 */
export type SseEnd = { kind: 'ended' } | { kind: 'closed' } | { kind: 'broken'; thrown: unknown }

/**
 * Feeds an SSE body through `eventsource-parser` (never a hand-written parser, §7.2), calling
 * `onMessage` for each event in order. `onMessage` returns true for the event that ends the stream:
 * no event after it is delivered and reading stops after that read. Bytes are decoded as a stream,
 * so a character split across reads arrives whole. `afterRead` is awaited once per read, after its
 * events, with its raw bytes; `stop` is asked after each read whether to stop early. What is left
 * unread is cancelled.
 */
export async function readSse(
  body: ReadableStream<Uint8Array>,
  onMessage: (message: EventSourceMessage) => boolean | void,
  options: {
    afterRead?: (bytes: Uint8Array) => Promise<void> | void
    stop?: () => boolean
  } = {},
): Promise<SseEnd> {
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
        // A server that closes without the blank line after its last event still meant that event.
        parser.feed(`${decoder.decode()}\n\n`)
        break
      }
      parser.feed(decoder.decode(value, { stream: true }))
      if (options.afterRead) await options.afterRead(value)
      if (ended || options.stop?.()) break
    }
  } catch (thrown) {
    return { kind: 'broken', thrown }
  } finally {
    reader.releaseLock()
    if (!drained) await body.cancel().catch(() => {})
  }
  return { kind: ended ? 'ended' : 'closed' }
}

/** Parses one event's JSON payload; a malformed or non-object payload is skipped (undefined). */
export function parseObject(data: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(data)
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}
