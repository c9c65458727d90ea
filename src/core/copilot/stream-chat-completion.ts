import { createParser } from 'eventsource-parser'
import { AppFailure } from '../../shared/errors.ts'
import { readJson } from '../http.ts'
import { copilotError, copilotFetch, type CopilotDeps } from './copilot-request.ts'

/** One message of the conversation sent to the model. */
export type ChatTurn = { role: 'system' | 'user' | 'assistant'; content: string }

/** Token counts the service reports on the last chunk (§7.2). */
export type Usage = { promptTokens: number; completionTokens: number }

/** How an answer ended: its finish reason and token usage, when the service sent them. */
export type StreamOutcome = { finishReason: string | undefined; usage: Usage | undefined }

type Completion = {
  choices?: Array<{ message?: { content?: string | null }; finish_reason?: string | null }> | null
  usage?: Chunk['usage']
}

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
    stream: true,
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
  // A model whose `supports.streaming` is false answers one JSON document (§6.1, §7.4).
  if (!(response.headers.get('content-type') ?? '').includes('text/event-stream')) {
    readCompletion(await readJson(response), outcome, onText)
    if (outcome.finishReason === undefined) {
      throw new AppFailure({
        kind: 'upstream',
        status: response.status,
        message: 'Copilot sent an answer LogAI cannot read.',
      })
    }
    return checked(outcome)
  }

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
      readChunk(chunk, outcome, onText)
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
    // A server that closes without the blank line after its last event still meant that event.
    if (!done) parser.feed(`${decoder.decode()}\n\n`)
  } catch (thrown) {
    if (thrown instanceof AppFailure) throw thrown
    if (request.signal.aborted) throw thrown
    throw cutOff()
  } finally {
    reader.releaseLock()
    if (done) await response.body.cancel().catch(() => {})
  }
  if (midStreamError) throw midStreamError
  // `[DONE]` may be missing (§7.2), but an answer with neither it nor a finish reason was cut off.
  if (!done && outcome.finishReason === undefined) throw cutOff()
  return checked(outcome)
}

function readChunk(chunk: Chunk, outcome: StreamOutcome, onText: (text: string) => void) {
  // §7.2: the first chunk may have `choices: []` (or null) and only prompt-filter results.
  for (const choice of chunk.choices ?? []) {
    const text = choice.delta?.content
    if (text) onText(text)
    if (choice.finish_reason) outcome.finishReason = choice.finish_reason
  }
  if (chunk.usage) outcome.usage = toUsage(chunk.usage)
}

/** §7.4: merge every choice into one answer; Claude splits text and tool calls across choices. */
function readCompletion(body: unknown, outcome: StreamOutcome, onText: (text: string) => void) {
  const completion = (body ?? {}) as Completion
  for (const choice of completion.choices ?? []) {
    const text = choice.message?.content
    if (text) onText(text)
    if (choice.finish_reason) outcome.finishReason = choice.finish_reason
  }
  if (completion.usage) outcome.usage = toUsage(completion.usage)
}

function toUsage(usage: NonNullable<Chunk['usage']>): Usage {
  return { promptTokens: usage.prompt_tokens ?? 0, completionTokens: usage.completion_tokens ?? 0 }
}

/** An answer the content filter ended is a failure the person should see, text kept. */
function checked(outcome: StreamOutcome): StreamOutcome {
  if (outcome.finishReason === 'content_filter') {
    throw new AppFailure({
      kind: 'upstream',
      status: 200,
      message: "Copilot's content filter stopped this answer. The part received is kept.",
    })
  }
  return outcome
}

function cutOff(): AppFailure {
  return new AppFailure({
    kind: 'network',
    message:
      'The connection to Copilot dropped before the answer was complete. The part received is kept.',
  })
}
