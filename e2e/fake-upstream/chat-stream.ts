import { streamContent, openAnswerStream } from './answer-stream.ts'
import { splitText } from './chat-answer.ts'
import { chatChunks, type ChatMaterial } from './chat-shapes.ts'
import type { RouteContext } from './route.ts'
import { argumentPieces } from './tool-plan.ts'

/** Streams a chat completion in the model family's shape (§7.2), under the scenario's faults. */
export async function streamCompletion(
  ctx: RouteContext,
  material: ChatMaterial,
  headers: Record<string, string>,
): Promise<void> {
  const stream = openAnswerStream(ctx, '/chat/completions', headers)
  const chunks = chatChunks(material)
  for (const chunk of chunks.opening) await stream.sendJson(chunk)

  let offset = 0
  const call = material.toolCall
  // §7.3: the first delta names the call; later ones carry only `index` and argument fragments.
  if (call !== undefined) {
    await stream.sendJson(
      chunks.toolCall({
        index: 0,
        id: call.id,
        type: 'function',
        function: { name: call.name, arguments: '' },
      }),
    )
  }
  const pieces =
    call === undefined
      ? splitText(material.answer, material.chunkSize)
      : argumentPieces(call.arguments)
  const finished = await streamContent(ctx, stream, pieces, {
    async sendPiece(piece, index) {
      await stream.sendJson(
        call === undefined
          ? chunks.content(piece, offset)
          : chunks.toolCall({ index: 0, function: { arguments: piece } }),
      )
      offset += piece.length
      // §7.2: `:` lines are comments that parsers must skip.
      if (index === 0) stream.comment('keep-alive')
    },
    // §11.1: a mid-stream failure is a `data:` chunk with an `error` object.
    sendFailure: (message) => stream.sendJson({ error: { message, code: 'server_error' } }),
  })
  if (!finished) return

  await stream.sendJson(chunks.finish(offset))
  if (!ctx.state.scenario.omitDone) await stream.send('[DONE]')
  stream.end()
}
