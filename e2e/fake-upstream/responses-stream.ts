import { openAnswerStream, streamContent } from './answer-stream.ts'
import { splitText } from './chat-answer.ts'
import {
  createResponsesIds,
  finishedOutput,
  functionCallItem,
  messageItem,
  outputText,
  reasoningItem,
  responseObject,
  type ResponsesMaterial,
} from './responses-shape.ts'
import type { RouteContext } from './route.ts'
import { argumentPieces } from './tool-plan.ts'

/**
 * Streams a `/responses` answer (§8.2): `event: <type>` + `data: <json>` with the type repeated
 * in the JSON and a `sequence_number`; a reasoning item first when the model reasons (its summary
 * streamed only when asked), then the message item; no `[DONE]`.
 */
export async function streamResponse(
  ctx: RouteContext,
  m: ResponsesMaterial,
  headers: Record<string, string>,
): Promise<void> {
  const stream = openAnswerStream(ctx, '/responses', headers)
  const ids = createResponsesIds()
  const createdAt = Math.floor(Date.now() / 1000)
  let sequence = 0
  const emit = (type: string, fields: Record<string, unknown>) =>
    stream.sendJson({ type, sequence_number: sequence++, ...fields }, type)
  const response = (status: 'in_progress' | 'completed', output: unknown[]) => ({
    response: responseObject(m, ids, createdAt, { status, output }),
  })

  await emit('response.created', response('in_progress', []))
  await emit('response.in_progress', response('in_progress', []))

  let outputIndex = 0
  if (m.reasons) {
    const reasoning = { item_id: ids.reasoning, output_index: 0, summary_index: 0 }
    await emit('response.output_item.added', {
      output_index: 0,
      item: reasoningItem(m, ids.reasoning, false),
    })
    if (m.summarize) {
      const part = (text: string) => ({ part: { type: 'summary_text', text } })
      await emit('response.reasoning_summary_part.added', { ...reasoning, ...part('') })
      for (const delta of splitText(m.reasoning, m.chunkSize)) {
        await emit('response.reasoning_summary_text.delta', { ...reasoning, delta })
      }
      await emit('response.reasoning_summary_text.done', { ...reasoning, text: m.reasoning })
      await emit('response.reasoning_summary_part.done', { ...reasoning, ...part(m.reasoning) })
    }
    await emit('response.output_item.done', {
      output_index: 0,
      item: reasoningItem(m, ids.reasoning, true),
    })
    outputIndex = 1
  }

  const failed = (message: string) =>
    emit('response.failed', {
      response: responseObject(m, ids, createdAt, {
        status: 'failed',
        output: [],
        error: { code: 'server_error', message },
      }),
    })

  const call = m.toolCall
  if (call !== undefined) {
    // §8.2: the function call item, its argument deltas, then the item done with full arguments.
    const item = { item_id: ids.message, output_index: outputIndex }
    await emit('response.output_item.added', {
      output_index: outputIndex,
      item: functionCallItem(ids.message, call, false),
    })
    const finished = await streamContent(ctx, stream, argumentPieces(call.arguments), {
      sendPiece: (delta) => emit('response.function_call_arguments.delta', { ...item, delta }),
      sendFailure: failed,
    })
    if (!finished) return
    await emit('response.function_call_arguments.done', { ...item, arguments: call.arguments })
    await emit('response.output_item.done', {
      output_index: outputIndex,
      item: functionCallItem(ids.message, call, true),
    })
    await emit('response.completed', response('completed', finishedOutput(m, ids)))
    stream.end()
    return
  }

  const text = { item_id: ids.message, output_index: outputIndex, content_index: 0 }
  await emit('response.output_item.added', {
    output_index: outputIndex,
    item: messageItem(ids.message, undefined),
  })
  await emit('response.content_part.added', { ...text, part: outputText('') })
  const finished = await streamContent(ctx, stream, splitText(m.answer, m.chunkSize), {
    sendPiece: (delta) => emit('response.output_text.delta', { ...text, delta, logprobs: [] }),
    // §11.1: a mid-stream failure on this route is `response.failed`.
    sendFailure: failed,
  })
  if (!finished) return

  await emit('response.output_text.done', { ...text, text: m.answer, logprobs: [] })
  await emit('response.content_part.done', { ...text, part: outputText(m.answer) })
  await emit('response.output_item.done', {
    output_index: outputIndex,
    item: messageItem(ids.message, m.answer),
  })
  await emit('response.completed', response('completed', finishedOutput(m, ids)))
  stream.end()
}
