import {
  contentFilterResults,
  estimateTokens,
  promptFilterResults,
  usageFor,
} from './chat-answer.ts'
import { sleep } from './http-io.ts'
import { createCompletionId } from './ids.ts'
import type { RouteContext } from './route.ts'
import { openSse } from './sse.ts'
import { pushEvent } from './state.ts'

function splitAnswer(answer: string, size: number): string[] {
  // Split on code points so a delta never carries half a surrogate pair.
  const chars = Array.from(answer)
  const pieces: string[] = []
  for (let i = 0; i < chars.length; i += size) pieces.push(chars.slice(i, i + size).join(''))
  return pieces
}

/** Streams a chat completion the way Copilot's Azure-hosted GPT models do (§7.2). */
export async function streamCompletion(
  ctx: RouteContext,
  answer: string,
  prompt: number,
  headers: Record<string, string>,
): Promise<void> {
  const { state, requestId } = ctx
  const { chunkDelayMs, chunkSize, dropAfterChunks, omitDone } = state.scenario
  const sse = openSse(ctx.res, headers, () => pushEvent(state, 'stream-aborted', requestId))
  pushEvent(state, 'stream-started', requestId)

  const id = createCompletionId()
  const created = Math.floor(Date.now() / 1000)
  const sendRaw = async (data: string) => {
    if (chunkDelayMs > 0) await sleep(chunkDelayMs)
    await sse.data(data)
  }
  const send = (chunk: unknown) => sendRaw(JSON.stringify(chunk))
  const drop = () => {
    sse.drop()
    pushEvent(state, 'stream-dropped', requestId)
  }

  // §7.2 (1): empty choices, empty id, created 0, no model — only the prompt filter verdict.
  await send({ choices: [], created: 0, id: '', prompt_filter_results: promptFilterResults })
  // §7.2 (2): the role arrives with empty content; no `object`, no `model` on any chunk.
  await send({
    choices: [
      {
        index: 0,
        content_filter_offsets: { check_offset: prompt, start_offset: 0, end_offset: 0 },
        content_filter_results: {},
        delta: { content: '', role: 'assistant' },
      },
    ],
    created,
    id,
  })

  let offset = 0
  let sent = 0
  for (const piece of splitAnswer(answer, chunkSize)) {
    if (!sse.isOpen()) return
    if (dropAfterChunks !== null && sent >= dropAfterChunks) return drop()
    await send({
      choices: [
        {
          index: 0,
          content_filter_offsets: {
            check_offset: prompt,
            start_offset: offset,
            end_offset: offset + piece.length,
          },
          content_filter_results: contentFilterResults,
          delta: { content: piece, role: null },
        },
      ],
      created,
      id,
    })
    offset += piece.length
    sent += 1
    // §7.2: `:` lines are comments that parsers must skip.
    if (sent === 1) sse.comment('keep-alive')
  }
  if (!sse.isOpen()) return
  // Asked to drop after at least every content chunk: cut before the finishing chunk.
  if (dropAfterChunks !== null) return drop()

  // §7.2 (4): usage only on the finishing chunk.
  await send({
    choices: [
      {
        index: 0,
        finish_reason: 'stop',
        content_filter_offsets: { check_offset: prompt, start_offset: offset, end_offset: offset },
        content_filter_results: contentFilterResults,
        delta: { content: null },
      },
    ],
    created,
    id,
    usage: usageFor(prompt, estimateTokens(answer)),
  })
  if (!omitDone) await sendRaw('[DONE]')
  if (!sse.isOpen()) return
  sse.end()
  pushEvent(state, 'stream-finished', requestId)
}
