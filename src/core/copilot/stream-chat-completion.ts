import { readJson } from '../http.ts'
import type { AnswerEvent, AnswerRequest, ChatTurn, StreamOutcome, Usage } from './answer-stream.ts'
import {
  checked,
  cutOff,
  dataUrl,
  field,
  isEventStream,
  openAiUsage,
  postAnswer,
  readEventStream,
  stoppedByCopilot,
  text,
  unreadableAnswer,
} from './answer-wire.ts'
import { parseObject } from './read-sse.ts'
import type { CopilotDeps } from './copilot-request.ts'

export type { ChatTurn, StreamOutcome, Usage } from './answer-stream.ts'

/**
 * Streams one answer from `POST /chat/completions` (copilot-protocol.md §7). Tolerates the
 * service's quirks (§7.2): a first chunk with empty `choices`, chunks without `object`/`model`,
 * usage on the last chunk only, and no `[DONE]` at the end. Reasoning arrives as
 * `delta.reasoning_text` (Gemini) or `delta.cot_summary` (GPT via Azure).
 */
export async function streamViaChatCompletions(
  deps: CopilotDeps,
  request: AnswerRequest,
  onEvent: (event: AnswerEvent) => void,
): Promise<StreamOutcome> {
  const response = await postAnswer(
    deps,
    request,
    '/chat/completions',
    chatCompletionsBody(request),
  )
  const outcome: StreamOutcome = { finishReason: undefined, usage: undefined }
  // A model whose `supports.streaming` is false answers one JSON document (§6.1, §7.4).
  if (!isEventStream(response)) {
    readCompletion(await readJson(response), outcome, onEvent)
    if (outcome.finishReason === undefined) throw unreadableAnswer(response.status)
    return checked(outcome)
  }
  const done = await readEventStream(response, request.signal, (message) => {
    if (message.data === '[DONE]') return true
    const chunk = parseObject(message.data)
    if (!chunk) return
    // §11.1: a mid-stream failure arrives as a chunk with an `error` object.
    if (chunk.error) throw stoppedByCopilot(text(chunk.error, 'message'), text(chunk.error, 'code'))
    readChunk(chunk, outcome, onEvent)
  })
  // `[DONE]` may be missing (§7.2), but an answer with neither it nor a finish reason was cut off.
  if (!done && outcome.finishReason === undefined) throw cutOff()
  return checked(outcome)
}

/**
 * The chat-completions answer as plain text, for callers not yet on `streamAnswer`. Always
 * streams; reasoning is neither asked for nor delivered.
 */
export function streamChatCompletion(
  deps: CopilotDeps,
  request: {
    model: string
    messages: ChatTurn[]
    initiator: 'user' | 'agent'
    signal: AbortSignal
  },
  onText: (text: string) => void,
): Promise<StreamOutcome> {
  return streamViaChatCompletions(
    deps,
    {
      route: { id: request.model, endpoint: 'chat_completions', streaming: true },
      messages: request.messages,
      initiator: request.initiator,
      signal: request.signal,
      showReasoning: false,
    },
    (event) => {
      if (event.type === 'text') onText(event.text)
    },
  )
}

/** §7.1: system turns stay `system` messages; images become `image_url` data-URL parts. */
function chatCompletionsBody(request: AnswerRequest) {
  const { route } = request
  const cap = route.streaming ? undefined : route.maxNonStreamingOutputTokens
  return {
    model: route.id,
    messages: request.messages.map(toChatMessage),
    stream: route.streaming,
    n: 1,
    ...(route.streaming ? { stream_options: { include_usage: true } } : {}),
    // §7.4: a non-streamed answer has its own, lower output cap.
    ...(cap ? { max_tokens: cap } : {}),
  }
}

function toChatMessage(turn: ChatTurn) {
  if (turn.role !== 'user' || !turn.images?.length)
    return { role: turn.role, content: turn.content }
  return {
    role: turn.role,
    // §7.1: an empty text part is refused, so a caption-less image goes alone.
    content: [
      ...(turn.content ? [{ type: 'text', text: turn.content }] : []),
      ...turn.images.map((image) => ({ type: 'image_url', image_url: { url: dataUrl(image) } })),
    ],
  }
}

function readChunk(
  chunk: Record<string, unknown>,
  outcome: StreamOutcome,
  onEvent: (event: AnswerEvent) => void,
) {
  // §7.2: the first chunk may have `choices: []` (or null) and only prompt-filter results.
  const choices = chunk.choices
  for (const choice of Array.isArray(choices) ? choices : []) {
    const delta = field(choice, 'delta')
    const reasoning = text(delta, 'reasoning_text') || text(delta, 'cot_summary')
    if (reasoning) onEvent({ type: 'reasoning', text: reasoning })
    const content = text(delta, 'content')
    if (content) onEvent({ type: 'text', text: content })
    const finish = text(choice, 'finish_reason')
    if (finish) outcome.finishReason = finish
  }
  const usage = toUsage(chunk.usage)
  if (usage) outcome.usage = usage
}

/** §7.4: merge every choice into one answer; Claude splits text and tool calls across choices. */
function readCompletion(
  body: unknown,
  outcome: StreamOutcome,
  onEvent: (event: AnswerEvent) => void,
) {
  const choices = field(body, 'choices')
  for (const choice of Array.isArray(choices) ? choices : []) {
    const message = field(choice, 'message')
    const reasoning = text(message, 'reasoning_text')
    if (reasoning) onEvent({ type: 'reasoning', text: reasoning })
    const content = text(message, 'content')
    if (content) onEvent({ type: 'text', text: content })
    const finish = text(choice, 'finish_reason')
    if (finish) outcome.finishReason = finish
  }
  const usage = toUsage(field(body, 'usage'))
  if (usage) outcome.usage = usage
}

/** §7.2 usage: `prompt_tokens` (cached included) and `completion_tokens` (reasoning included). */
function toUsage(usage: unknown): Usage | undefined {
  return openAiUsage(usage, 'prompt_tokens', 'completion_tokens')
}
