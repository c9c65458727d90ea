import type { ServerResponse } from 'node:http'
import { sleep } from './http-io.ts'

// Long enough for the first half of a split character to reach the client as its own read.
const splitFlushMs = 5

/** Writes an SSE body and knows whether the client is still there. */
export type SseWriter = {
  isOpen(): boolean
  /** Writes `data: <data>\n\n`; the first multi-byte character sent is split across two writes. */
  data(data: string): Promise<void>
  comment(text: string): void
  /** Destroys the socket mid-stream, as a failing proxy would. */
  drop(): void
  end(): void
}

export function openSse(
  res: ServerResponse,
  headers: Record<string, string>,
  onClientGone: () => void,
): SseWriter {
  let finished = false
  let gone = false
  let hasSplit = false
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    ...headers,
  })
  res.on('close', () => {
    if (finished) return
    gone = true
    onClientGone()
  })
  const isOpen = () => !finished && !gone && !res.destroyed

  return {
    isOpen,
    async data(data) {
      if (!isOpen()) return
      const bytes = Buffer.from(`data: ${data}\n\n`, 'utf8')
      const lead = hasSplit ? -1 : bytes.findIndex((byte) => byte >= 0xc0)
      if (lead === -1) {
        res.write(bytes)
        return
      }
      // §7.2: clients must decode UTF-8 as a stream; a character cut between reads must survive.
      hasSplit = true
      res.write(bytes.subarray(0, lead + 1))
      await sleep(splitFlushMs)
      if (isOpen()) res.write(bytes.subarray(lead + 1))
    },
    comment(text) {
      if (isOpen()) res.write(`: ${text}\n\n`)
    },
    drop() {
      finished = true
      res.socket?.destroy()
    },
    end() {
      if (!isOpen()) return
      finished = true
      res.end()
    },
  }
}
