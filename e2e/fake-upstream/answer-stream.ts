import { sleep } from './http-io.ts'
import type { RouteContext } from './route.ts'
import { openSse } from './sse.ts'
import { pushEvent, type AnswerRoute, type StreamCloseReason } from './state.ts'

// The older reason-specific events, kept beside `stream-closed` for the specs that wait on them.
const legacyCloseEvent = {
  complete: 'stream-finished',
  client_aborted: 'stream-aborted',
  dropped: 'stream-dropped',
} as const satisfies Record<StreamCloseReason, string>

/** One streamed answer: SSE paced by the scenario, its start and close in the event log. */
export type AnswerStream = {
  isOpen(): boolean
  /** Waits `chunkDelayMs`, then sends one event (`event:` line only when named). */
  send(data: string, event?: string): Promise<void>
  sendJson(value: unknown, event?: string): Promise<void>
  comment(text: string): void
  drop(): void
  end(): void
}

/**
 * Opens the SSE response of an answer route. Records `stream-started` now and `stream-closed`
 * with its reason when the response closes, so a benchmark can time Stop → connection closed.
 */
export function openAnswerStream(
  ctx: RouteContext,
  route: AnswerRoute,
  headers: Record<string, string>,
): AnswerStream {
  const { state, requestId } = ctx
  const { chunkDelayMs, lineEnding } = state.scenario
  const sse = openSse(ctx.res, {
    headers,
    lineEnding,
    onClose: (reason) => {
      pushEvent(state, 'stream-closed', requestId, { route, reason })
      pushEvent(state, legacyCloseEvent[reason], requestId, { route })
    },
  })
  pushEvent(state, 'stream-started', requestId, { route })

  const send = async (data: string, event?: string) => {
    if (chunkDelayMs > 0) await sleep(chunkDelayMs)
    await sse.send(data, event)
  }
  return {
    isOpen: sse.isOpen,
    send,
    sendJson: (value, event) => send(JSON.stringify(value), event),
    comment: sse.comment,
    drop: sse.drop,
    end: sse.end,
  }
}

/** How a route sends its answer text and its in-stream failure (§11.1). */
export type ContentSender = {
  sendPiece(piece: string, index: number): Promise<void>
  sendFailure(message: string): Promise<void>
}

/**
 * Sends the answer text pieces under the scenario's stream faults: `dropAfterChunks` destroys the
 * socket and `midStreamError` sends the route's failure event and ends the stream, each after
 * that many pieces (a count of at least every piece strikes before the finishing events).
 * Returns true when the route should go on to finish normally.
 */
export async function streamContent(
  ctx: RouteContext,
  stream: AnswerStream,
  pieces: string[],
  sender: ContentSender,
): Promise<boolean> {
  const { dropAfterChunks, midStreamError } = ctx.state.scenario
  const strikes = (limit: number | null, index: number) =>
    limit !== null && (index >= limit || index === pieces.length)
  for (let index = 0; index <= pieces.length; index++) {
    if (!stream.isOpen()) return false
    if (strikes(dropAfterChunks, index)) {
      stream.drop()
      return false
    }
    if (midStreamError !== null && strikes(midStreamError.afterChunks, index)) {
      await sender.sendFailure(midStreamError.message)
      stream.end()
      return false
    }
    const piece = pieces[index]
    if (piece !== undefined) await sender.sendPiece(piece, index)
  }
  return stream.isOpen()
}
