import { openAnswerStream, streamContent } from './answer-stream.ts'
import { splitText } from './chat-answer.ts'
import { createMessageId } from './ids.ts'
import {
  createThinkingSignature,
  messageObject,
  outputTokens,
  stopReasonOf,
  toolUseBlock,
  type MessagesMaterial,
} from './messages-shape.ts'
import type { RouteContext } from './route.ts'
import { argumentPieces } from './tool-plan.ts'

/**
 * Streams a `/v1/messages` answer as Anthropic does (§9): `message_start`, `ping`, a thinking
 * block (`thinking_delta`s then one `signature_delta`) when asked, a text block of `text_delta`s,
 * `message_delta` with the stop reason and output tokens, `message_stop`.
 */
export async function streamMessage(
  ctx: RouteContext,
  m: MessagesMaterial,
  headers: Record<string, string>,
): Promise<void> {
  const stream = openAnswerStream(ctx, '/v1/messages', headers)
  const emit = (type: string, fields: Record<string, unknown> = {}) =>
    stream.sendJson({ type, ...fields }, type)

  await emit('message_start', {
    message: messageObject(m, createMessageId(), {
      content: [],
      stopReason: null,
      outputTokens: 1,
    }),
  })
  await emit('ping')

  let index = 0
  if (m.thinks) {
    await emit('content_block_start', {
      index,
      content_block: { type: 'thinking', thinking: '', signature: '' },
    })
    for (const thinking of splitText(m.reasoning, m.chunkSize)) {
      await emit('content_block_delta', { index, delta: { type: 'thinking_delta', thinking } })
    }
    await emit('content_block_delta', {
      index,
      delta: { type: 'signature_delta', signature: createThinkingSignature() },
    })
    await emit('content_block_stop', { index })
    index += 1
  }

  const call = m.toolCall
  // §9: a tool_use block opens with an empty `input`; its JSON arrives as `input_json_delta`s.
  await emit('content_block_start', {
    index,
    content_block: call === undefined ? { type: 'text', text: '' } : toolUseBlock(call, false),
  })
  const pieces =
    call === undefined ? splitText(m.answer, m.chunkSize) : argumentPieces(call.arguments)
  const finished = await streamContent(ctx, stream, pieces, {
    sendPiece: (text) =>
      emit('content_block_delta', {
        index,
        delta:
          call === undefined
            ? { type: 'text_delta', text }
            : { type: 'input_json_delta', partial_json: text },
      }),
    // §9: a mid-stream failure is Anthropic's `error` event.
    sendFailure: (message) => emit('error', { error: { type: 'overloaded_error', message } }),
  })
  if (!finished) return

  await emit('content_block_stop', { index })
  await emit('message_delta', {
    delta: { stop_reason: stopReasonOf(m), stop_sequence: null },
    usage: { output_tokens: outputTokens(m) },
    context_management: { applied_edits: [] },
  })
  await emit('message_stop')
  stream.end()
}
