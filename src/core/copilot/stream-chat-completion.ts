import { createParser } from 'eventsource-parser'
import { AppFailure } from '../../shared/errors.ts'
import { copilotError, copilotFetch, type CopilotDeps } from './copilot-request.ts'

export type ChatTurn = { role: 'system' | 'user' | 'assistant'; content: string }

export type Usage = { promptTokens: number; completionTokens: number }

export type StreamOutcome = { finishReason: string | undefined; usage: Usage | undefined }

type Chunk = {
  choices?: Array<{ delta?: { content?: string | null }; finish_reason?: string | null }> | null
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null
  error?: { message?: string; code?: string }
}

/**
 * Streams one answer from `POST /chat/completions` (copilot-protocol.md §7), calling `onText` for
 * each piece of text. Tolerates the service's quirks (§7.2): a first chunk with empty `choices`,
 * chunks without `object`/`model`, usage on the last chunk only, and no `[DONE]` at the end.
 * Bytes are decoded as a stream, so a character split across reads arrives whole.
 */
export async function streamChatCompletion(
  deps: CopilotDeps,
  request: {
    model: string
    messages: ChatTurn[]
    initiator: 'user' | 'agent'
    signal: AbortSignal
  },
  onText: (text: string) => void,
): Promise<StreamOutcome> {
  const response = await copilotFetch(deps, {
    method: 'POST',
    path: '/chat/completions',
    intent: 'conversation-panel',
    initiator: request.initiator,
    signal: request.signal,
    body: {
      model: request.model,
      messages: request.messages,
      stream: true,
      n: 1,
      stream_options: { include_usage: true },
    },
  })
  if (!response.ok) throw new AppFailure(await copilotError(response, deps.clock.now()))
  if (!response.body) throw cutOff()

  const outcome: StreamOutcome = { finishReason: undefined, usage: undefined }
  let midStreamError: AppFailure | undefined
  let done = false
  const parser = createParser({
    onEvent(event) {
      if (done || midStreamError) return
      if (event.data === '[DONE]') {
        done = true
        return
      }
      let chunk: Chunk
      try {
        chunk = JSON.parse(event.data) as Chunk
      } catch {
        return
      }
      if (chunk.error) {
        // §11.1: a mid-stream failure arrives as a chunk with an `error` object.
        midStreamError = new AppFailure({
          kind: 'upstream',
          status: 200,
          message: `Copilot stopped the answer: ${chunk.error.message ?? chunk.error.code ?? 'unknown error'}`,
        })
        return
      }
      for (const choice of chunk.choices ?? []) {
        const text = choice.delta?.content
        if (text) onText(text)
        if (choice.finish_reason) outcome.finishReason = choice.finish_reason
      }
      if (chunk.usage) {
        outcome.usage = {
          promptTokens: chunk.usage.prompt_tokens ?? 0,
          completionTokens: chunk.usage.completion_tokens ?? 0,
        }
      }
    },
  })

  const reader = response.body.getReader()
  const decoder = new TextDecoder()
  try {
    for (;;) {
      const { value, done: ended } = await reader.read()
      if (ended) break
      parser.feed(decoder.decode(value, { stream: true }))
      if (midStreamError) throw midStreamError
      if (done) break
    }
    parser.feed(decoder.decode())
  } catch (thrown) {
    if (thrown instanceof AppFailure) throw thrown
    if (request.signal.aborted) throw thrown
    throw cutOff()
  } finally {
    reader.releaseLock()
    if (done) await response.body.cancel().catch(() => {})
  }
  if (midStreamError) throw midStreamError
  return outcome
}

function cutOff(): AppFailure {
  return new AppFailure({
    kind: 'network',
    message:
      'The connection to Copilot dropped before the answer was complete. The part received is kept.',
  })
}
