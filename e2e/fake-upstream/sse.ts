import type { ServerResponse } from 'node:http'
import { sleep } from './http-io.ts'
import type { StreamCloseReason } from './state.ts'

// Long enough for the first half of a split character to reach the client as its own read.
const splitFlushMs = 5

/** How every line of a stream ends; SSE allows both, and a parser must take either. */
export type LineEnding = 'lf' | 'crlf'

/** Writes an SSE body and knows whether the client is still there. */
export type SseWriter = {
  isOpen(): boolean
  /**
   * Writes one event: an optional `event: <name>` line, a `data: <data>` line and the blank line.
   * The first multi-byte character of the stream is split across two writes.
   */
  send(data: string, event?: string): Promise<void>
  comment(text: string): void
  /** Destroys the socket mid-stream (after what was written), as a failing proxy would. */
  drop(): void
  end(): void
}

export type SseOptions = {
  headers: Record<string, string>
  lineEnding: LineEnding
  /** Called once, when the response has closed, with who closed it. */
  onClose: (reason: StreamCloseReason) => void
}

export function openSse(res: ServerResponse, options: SseOptions): SseWriter {
  const eol = options.lineEnding === 'crlf' ? '\r\n' : '\n'
  let finished = false
  let dropped = false
  let hasSplit = false
  // Resolves once the last write has left Node's buffers, so a drop loses nothing already sent.
  let flushed = Promise.resolve()
  const write = (bytes: Buffer | string) => {
    flushed = new Promise((resolve) => res.write(bytes, () => resolve()))
  }
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    ...options.headers,
  })
  // Node emits `close` both after end() and when the peer goes away; only the latter is the
  // client's doing, which is what a Stop benchmark measures.
  res.on('close', () => {
    const reason = dropped ? 'dropped' : res.writableFinished ? 'complete' : 'client_aborted'
    finished = true
    options.onClose(reason)
  })
  const isOpen = () => !finished && !res.destroyed

  return {
    isOpen,
    async send(data, event) {
      if (!isOpen()) return
      const lines = event === undefined ? [`data: ${data}`] : [`event: ${event}`, `data: ${data}`]
      const bytes = Buffer.from(`${lines.join(eol)}${eol}${eol}`, 'utf8')
      const lead = hasSplit ? -1 : bytes.findIndex((byte) => byte >= 0xc0)
      if (lead === -1) {
        write(bytes)
        return
      }
      // §7.2: clients must decode UTF-8 as a stream; a character cut between reads must survive.
      hasSplit = true
      write(bytes.subarray(0, lead + 1))
      await sleep(splitFlushMs)
      if (isOpen()) write(bytes.subarray(lead + 1))
    },
    comment(text) {
      if (isOpen()) write(`: ${text}${eol}${eol}`)
    },
    drop() {
      if (!isOpen()) return
      dropped = true
      finished = true
      const socket = res.socket
      void flushed.then(() => socket?.destroy())
    },
    end() {
      if (!isOpen()) return
      finished = true
      res.end()
    },
  }
}
