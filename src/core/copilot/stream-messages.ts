import { readJson } from '../http.ts'
import type { AnswerEvent, AnswerRequest, ChatTurn, StreamOutcome, Usage } from './answer-stream.ts'
import {
  checked,
  count,
  cutOff,
  field,
  isEventStream,
  outputCap,
  postAnswer,
  readEventStream,
  stoppedByCopilot,
  systemText,
  text,
  unreadableAnswer,
} from './answer-wire.ts'
import { parseObject } from './read-sse.ts'
import type { CopilotDeps } from './copilot-request.ts'
import type { ModelRoute } from './model-route.ts'

/** Anthropic's `max_tokens` is required; this is the cap when `/models` names none. */
const defaultMaxTokens = 8192

/**
 * Streams one answer from `POST /v1/messages` (copilot-protocol.md §9), the Anthropic Messages
 * route Claude models list. The answer is complete at `message_stop`; a stream that ends before
 * it was cut off. Extended thinking arrives as `thinking_delta`s and is delivered as reasoning.
 */
export async function streamViaMessages(
  deps: CopilotDeps,
  request: AnswerRequest,
  onEvent: (event: AnswerEvent) => void,
): Promise<StreamOutcome> {
  const response = await postAnswer(deps, request, '/v1/messages', messagesBody(request), {
    'anthropic-version': '2023-06-01',
  })
  const outcome: StreamOutcome = { finishReason: undefined, usage: undefined }
  const usage: RawUsage = {}
  if (!isEventStream(response)) {
    readMessage(await readJson(response), response.status, outcome, usage, onEvent)
    return checked(outcome)
  }
  const finished = await readEventStream(response, request.signal, (message) => {
    const event = parseObject(message.data)
    if (!event) return
    switch (text(event, 'type') ?? message.event) {
      case 'message_start':
        mergeUsage(usage, field(field(event, 'message'), 'usage'), outcome)
        return
      case 'content_block_start': {
        const block = field(event, 'content_block')
        if (text(block, 'type') === 'text') emit(onEvent, 'text', text(block, 'text'))
        if (text(block, 'type') === 'thinking') emit(onEvent, 'reasoning', text(block, 'thinking'))
        return
      }
      case 'content_block_delta': {
        const delta = field(event, 'delta')
        if (text(delta, 'type') === 'text_delta') emit(onEvent, 'text', text(delta, 'text'))
        if (text(delta, 'type') === 'thinking_delta') {
          emit(onEvent, 'reasoning', text(delta, 'thinking'))
        }
        return
      }
      case 'message_delta': {
        const stop = text(field(event, 'delta'), 'stop_reason')
        if (stop) outcome.finishReason = finishReason(stop)
        mergeUsage(usage, field(event, 'usage'), outcome)
        return
      }
      case 'message_stop':
        return true
      case 'error': {
        // e.g. `{type: "error", error: {type: "overloaded_error", message: "Overloaded"}}`.
        const error = field(event, 'error')
        throw stoppedByCopilot(text(error, 'message'), text(error, 'type'))
      }
    }
  })
  if (!finished) throw cutOff()
  return checked(outcome)
}

/**
 * §9: system turns go to the top-level `system`; `max_tokens` is required (the non-streaming cap
 * applies to `stream: false`); thinking follows the model's capabilities.
 */
function messagesBody(request: AnswerRequest) {
  const { route } = request
  const system = systemText(request)
  const maxTokens = outputCap(route) ?? defaultMaxTokens
  const thinking = request.showReasoning === false ? undefined : thinkingConfig(route, maxTokens)
  return {
    model: route.id,
    ...(system ? { system } : {}),
    // Anthropic refuses a message with empty content.
    messages: request.messages
      .filter((turn) => turn.role !== 'system' && (turn.content || hasImages(turn)))
      .map(toMessage),
    max_tokens: maxTokens,
    stream: route.streaming,
    ...(thinking ? { thinking } : {}),
  }
}

/**
 * `{type: "adaptive"}` when the model decides for itself, else a budget inside the model's
 * `[min_thinking_budget, max_thinking_budget]`: half the output cap, so the answer keeps at least
 * the other half, and always below `max_tokens` as Anthropic demands. No thinking when the range
 * cannot fit under the cap.
 */
function thinkingConfig(route: ModelRoute, maxTokens: number) {
  if (route.adaptiveThinking) return { type: 'adaptive' }
  if (!route.thinkingBudget) return undefined
  const { min, max } = route.thinkingBudget
  const budget = Math.min(Math.max(Math.floor(maxTokens / 2), min), max, maxTokens - 1)
  return budget >= min ? { type: 'enabled', budget_tokens: budget } : undefined
}

function hasImages(turn: ChatTurn): boolean {
  return turn.role === 'user' && (turn.images?.length ?? 0) > 0
}

function toMessage(turn: ChatTurn) {
  const role = turn.role === 'assistant' ? 'assistant' : 'user'
  if (!hasImages(turn)) return { role, content: turn.content }
  return {
    role,
    // Anthropic suggests images before the text that refers to them.
    content: [
      ...(turn.images ?? []).map((image) => ({
        type: 'image',
        source: { type: 'base64', media_type: image.mediaType, data: image.base64 },
      })),
      ...(turn.content ? [{ type: 'text', text: turn.content }] : []),
    ],
  }
}

function emit(
  onEvent: (event: AnswerEvent) => void,
  type: AnswerEvent['type'],
  value: string | undefined,
) {
  if (value) onEvent({ type, text: value })
}

/** `end_turn` is the usual `stop`, `max_tokens` the usual `length`; the rest keep their name. */
function finishReason(stopReason: string): string {
  if (stopReason === 'end_turn') return 'stop'
  if (stopReason === 'max_tokens') return 'length'
  return stopReason
}

/** A non-streamed answer: one `message` with its `content` blocks. */
function readMessage(
  body: unknown,
  status: number,
  outcome: StreamOutcome,
  usage: RawUsage,
  onEvent: (event: AnswerEvent) => void,
) {
  if (text(body, 'type') === 'error') {
    const error = field(body, 'error')
    throw stoppedByCopilot(text(error, 'message'), text(error, 'type'))
  }
  const content = field(body, 'content')
  if (!Array.isArray(content)) throw unreadableAnswer(status)
  for (const block of content) {
    if (text(block, 'type') === 'thinking') emit(onEvent, 'reasoning', text(block, 'thinking'))
    if (text(block, 'type') === 'text') emit(onEvent, 'text', text(block, 'text'))
  }
  outcome.finishReason = finishReason(text(body, 'stop_reason') ?? 'end_turn')
  mergeUsage(usage, field(body, 'usage'), outcome)
}

type RawUsage = {
  input_tokens?: number
  output_tokens?: number
  cache_read_input_tokens?: number
  cache_creation_input_tokens?: number
}

/**
 * Usage comes in two parts (`message_start` has the input, `message_delta` the running output).
 * Anthropic's `input_tokens` leaves out cache reads and writes; they are added back so
 * `promptTokens` means the same on every endpoint.
 */
function mergeUsage(usage: RawUsage, update: unknown, outcome: StreamOutcome) {
  if (!update || typeof update !== 'object') return
  for (const key of [
    'input_tokens',
    'output_tokens',
    'cache_read_input_tokens',
    'cache_creation_input_tokens',
  ] as const) {
    const value = count(update, key)
    if (value !== undefined) usage[key] = value
  }
  const cached = usage.cache_read_input_tokens
  const summed: Usage = {
    promptTokens:
      (usage.input_tokens ?? 0) + (cached ?? 0) + (usage.cache_creation_input_tokens ?? 0),
    completionTokens: usage.output_tokens ?? 0,
    ...(cached === undefined ? {} : { cachedTokens: cached }),
  }
  outcome.usage = summed
}
