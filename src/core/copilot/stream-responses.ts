import { readJson } from '../http.ts'
import type { AnswerEvent, AnswerRequest, ChatTurn, StreamOutcome, Usage } from './answer-stream.ts'
import {
  checked,
  cutOff,
  dataUrl,
  field,
  isEventStream,
  openAiUsage,
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

/**
 * Streams one answer from `POST /responses` (copilot-protocol.md §8), the only route GPT-5.x and
 * Codex models accept. The answer is complete at `response.completed` or `response.incomplete`;
 * a stream that ends before either was cut off. Copilot-hosted models often send the reasoning
 * summary only in the finished reasoning item rather than as deltas (§8.2), so a finished item
 * whose text never streamed is delivered whole.
 */
export async function streamViaResponses(
  deps: CopilotDeps,
  request: AnswerRequest,
  onEvent: (event: AnswerEvent) => void,
): Promise<StreamOutcome> {
  const response = await postAnswer(deps, request, '/responses', responsesBody(request))
  const outcome: StreamOutcome = { finishReason: undefined, usage: undefined }
  if (!isEventStream(response)) {
    readFinalResponse(await readJson(response), response.status, outcome, onEvent)
    return checked(outcome)
  }
  let streamedText = false
  let streamedReasoning = false
  const finished = await readEventStream(response, request.signal, (message) => {
    const event = parseObject(message.data)
    if (!event) return
    // §8.2: the JSON repeats the event name in `type`; the `event:` line is the fallback.
    const type = text(event, 'type') ?? message.event
    switch (type) {
      case 'response.output_text.delta': {
        const delta = text(event, 'delta')
        if (delta) {
          streamedText = true
          onEvent({ type: 'text', text: delta })
        }
        return
      }
      case 'response.reasoning_summary_text.delta': {
        const delta = text(event, 'delta')
        if (delta) {
          streamedReasoning = true
          onEvent({ type: 'reasoning', text: delta })
        }
        return
      }
      case 'response.output_item.done': {
        const item = field(event, 'item')
        const kind = text(item, 'type')
        if (kind === 'reasoning' && !streamedReasoning) emitItem(item, onEvent)
        if (kind === 'message' && !streamedText) emitItem(item, onEvent)
        return
      }
      case 'response.completed':
      case 'response.incomplete':
        finish(field(event, 'response'), outcome, type === 'response.incomplete')
        return true
      case 'response.failed': {
        const error = field(field(event, 'response'), 'error')
        throw stoppedByCopilot(text(error, 'message'), text(error, 'code'))
      }
      case 'error':
        throw stoppedByCopilot(
          text(event, 'message') ?? text(field(event, 'error'), 'message'),
          text(event, 'code') ?? text(field(event, 'error'), 'code'),
        )
    }
  })
  if (!finished) throw cutOff()
  return checked(outcome)
}

/**
 * §8.1, sent over HTTP: the full history with `store: false`, system turns as `instructions`,
 * and a reasoning summary asked for only when the model takes an effort and the person wants it.
 */
function responsesBody(request: AnswerRequest) {
  const { route } = request
  const instructions = systemText(request)
  const cap = outputCap(route)
  const efforts = route.reasoningEfforts ?? []
  const wantsReasoning = request.showReasoning !== false && efforts.length > 0
  return {
    model: route.id,
    ...(instructions ? { instructions } : {}),
    input: request.messages.filter((turn) => turn.role !== 'system').map(toInputItem),
    stream: route.streaming,
    store: false,
    ...(cap ? { max_output_tokens: cap } : {}),
    ...(wantsReasoning
      ? {
          reasoning: {
            effort: efforts.includes('medium') ? 'medium' : efforts[0],
            summary: 'auto',
          },
        }
      : {}),
  }
}

function toInputItem(turn: ChatTurn) {
  if (turn.role === 'assistant') {
    return {
      type: 'message',
      role: 'assistant',
      status: 'completed',
      content: [{ type: 'output_text', text: turn.content }],
    }
  }
  const images = turn.images ?? []
  return {
    role: 'user',
    content: [
      ...(turn.content || images.length === 0 ? [{ type: 'input_text', text: turn.content }] : []),
      ...images.map((image) => ({
        type: 'input_image',
        image_url: dataUrl(image),
        detail: 'auto',
      })),
    ],
  }
}

/** Delivers a finished output item's text: a reasoning item's summary, a message's output text. */
function emitItem(item: unknown, onEvent: (event: AnswerEvent) => void) {
  const kind = text(item, 'type')
  const parts = field(item, kind === 'reasoning' ? 'summary' : 'content')
  const texts = (Array.isArray(parts) ? parts : [])
    .filter(
      (part) => text(part, 'type') === (kind === 'reasoning' ? 'summary_text' : 'output_text'),
    )
    .map((part) => text(part, 'text') ?? '')
    .filter(Boolean)
  if (texts.length === 0) return
  if (kind === 'reasoning') onEvent({ type: 'reasoning', text: texts.join('\n\n') })
  else onEvent({ type: 'text', text: texts.join('') })
}

/**
 * `response.completed` means stop; `response.incomplete` names why it ended early in
 * `incomplete_details.reason` (§8.2): `max_output_tokens` is the usual `length`, `content_filter`
 * stays as it is so the filter failure is reported.
 */
function finish(response: unknown, outcome: StreamOutcome, incomplete = false) {
  if (incomplete || text(response, 'status') === 'incomplete') {
    const reason = text(field(response, 'incomplete_details'), 'reason')
    outcome.finishReason = reason === 'max_output_tokens' ? 'length' : (reason ?? 'incomplete')
  } else {
    outcome.finishReason = 'stop'
  }
  const usage = toUsage(field(response, 'usage'))
  if (usage) outcome.usage = usage
}

/** A non-streamed answer (`stream: false`): the same `response` object `response.completed` has. */
function readFinalResponse(
  body: unknown,
  status: number,
  outcome: StreamOutcome,
  onEvent: (event: AnswerEvent) => void,
) {
  const output = field(body, 'output')
  const error = field(body, 'error')
  if (text(body, 'status') === 'failed' || (error && typeof error === 'object')) {
    throw stoppedByCopilot(text(error, 'message'), text(error, 'code'))
  }
  if (!Array.isArray(output)) throw unreadableAnswer(status)
  for (const item of output) {
    const kind = text(item, 'type')
    if (kind === 'reasoning' || kind === 'message') emitItem(item, onEvent)
  }
  finish(body, outcome)
}

/** §8.2 usage: `input_tokens` (cached included) and `output_tokens` (reasoning included). */
function toUsage(usage: unknown): Usage | undefined {
  return openAiUsage(usage, 'input_tokens', 'output_tokens')
}
