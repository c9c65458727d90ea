/**
 * The wire pieces the three answer endpoints share: posting with the route's headers, reading an
 * SSE body, and the failures a person sees when an answer goes wrong.
 */

import type { EventSourceMessage } from 'eventsource-parser'
import { AppFailure } from '../../shared/errors.ts'
import type { AnswerRequest, ImagePart, StreamOutcome, Usage } from './answer-stream.ts'
import {
  copilotFailure,
  copilotFetch,
  isContextOverflow,
  type CopilotDeps,
} from './copilot-request.ts'
import type { ModelRoute } from './model-route.ts'
import { readSse } from './read-sse.ts'

/**
 * Posts one answer request (copilot-protocol.md §5.2) and returns the accepted response, or throws
 * the §11.1 failure for a refused one. An answer has no overall time limit even when it is not
 * streamed (a long non-streamed answer arrives all at once), so it always goes as `stream`; only
 * `Accept` follows the route.
 */
export async function postAnswer(
  deps: CopilotDeps,
  request: AnswerRequest,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  const hasImages = request.messages.some((turn) => turn.role === 'user' && turn.images?.length)
  const response = await copilotFetch(deps, {
    method: 'POST',
    path,
    intent: 'conversation-panel',
    initiator: request.initiator,
    signal: request.signal,
    stream: true,
    body,
    headers: {
      ...(request.route.streaming ? {} : { Accept: 'application/json' }),
      // §5.2: without it any request carrying an image is refused with a 400.
      ...(hasImages ? { 'Copilot-Vision-Request': 'true' } : {}),
      ...headers,
    },
  })
  if (!response.ok) throw await copilotFailure(response, deps.clock.now())
  return response
}

/** Whether the service answered with SSE; a non-streaming model answers one JSON document. */
export function isEventStream(response: Response): boolean {
  return (response.headers.get('content-type') ?? '').includes('text/event-stream')
}

/**
 * Reads an answer's SSE body, calling `onMessage` for each event in order. `onMessage` returns
 * true for the event that ends the answer (reading stops there) and may throw an `AppFailure` for a
 * mid-stream error (the events before it were already handled). Resolves with whether the ending
 * event arrived; a connection that breaks is a cut-off failure, unless Stop aborted it.
 */
export async function readEventStream(
  response: Response,
  signal: AbortSignal,
  onMessage: (message: EventSourceMessage) => boolean | void,
): Promise<boolean> {
  const body = response.body
  if (!body) throw cutOff()
  let failure: unknown
  const end = await readSse(body, (message) => {
    try {
      return onMessage(message)
    } catch (thrown) {
      failure = thrown
      return true
    }
  })
  if (end.kind === 'broken') {
    if (end.thrown instanceof AppFailure || signal.aborted) throw end.thrown
    throw cutOff()
  }
  if (failure !== undefined) throw failure
  return end.kind === 'ended'
}

/** An image as the data URL the OpenAI-shaped endpoints take. */
export function dataUrl(image: ImagePart): string {
  return `data:${image.mediaType};base64,${image.base64}`
}

/** The output cap the route allows: the lower non-streaming cap applies to `stream: false`. */
export function outputCap(route: ModelRoute): number | undefined {
  if (route.streaming || route.maxNonStreamingOutputTokens === undefined) {
    return route.maxOutputTokens
  }
  return Math.min(route.maxNonStreamingOutputTokens, route.maxOutputTokens ?? Infinity)
}

/** All system turns as one instruction text, for the endpoints that take it apart (§8.1, §9). */
export function systemText(request: AnswerRequest): string {
  return request.messages
    .filter((turn) => turn.role === 'system' && turn.content)
    .map((turn) => turn.content)
    .join('\n\n')
}

/** An answer the content filter ended is a failure the person should see, text kept. */
export function checked(outcome: StreamOutcome): StreamOutcome {
  if (outcome.finishReason === 'content_filter') {
    throw new AppFailure({
      kind: 'upstream',
      status: 200,
      message: "Copilot's content filter stopped this answer. The part received is kept.",
    })
  }
  return outcome
}

/** The connection ended before the endpoint's closing event (§7.2, §8.2, §9). */
export function cutOff(): AppFailure {
  return new AppFailure({
    kind: 'network',
    message:
      'The connection to Copilot dropped before the answer was complete. The part received is kept.',
  })
}

/** A 200 answer whose body is not the shape its endpoint sends. */
export function unreadableAnswer(status: number): AppFailure {
  return new AppFailure({
    kind: 'upstream',
    status,
    message: 'Copilot sent an answer LogAI cannot read.',
  })
}

/**
 * A failure the service reported inside a 200 answer (§11.1: a chat `error` chunk, a responses
 * `error`/`response.failed` event, a messages `error` event). Terminal for this answer.
 */
export function stoppedByCopilot(message: string | undefined, code?: string): AppFailure {
  const detail = message || code || 'unknown error'
  if (isContextOverflow(code ?? '', detail)) {
    return new AppFailure({
      kind: 'context_too_long',
      message: `This conversation is too long for this model (${detail}). Start a new chat or remove earlier messages.`,
    })
  }
  return new AppFailure({
    kind: 'upstream',
    status: 200,
    message: `Copilot stopped the answer: ${detail}`,
  })
}

/**
 * Token usage in the shape both OpenAI-style endpoints send, under their own names (§7.2
 * `prompt_tokens`/`completion_tokens`, §8.2 `input_tokens`/`output_tokens`): the prompt count
 * includes cached tokens, given in `<promptKey>_details`, and the completion count includes
 * reasoning tokens, given in `<completionKey>_details`. Undefined when there is no usage object.
 */
export function openAiUsage(
  usage: unknown,
  promptKey: string,
  completionKey: string,
): Usage | undefined {
  if (!usage || typeof usage !== 'object') return undefined
  const cached = count(field(usage, `${promptKey}_details`), 'cached_tokens')
  const reasoning = count(field(usage, `${completionKey}_details`), 'reasoning_tokens')
  return {
    promptTokens: count(usage, promptKey) ?? 0,
    completionTokens: count(usage, completionKey) ?? 0,
    ...(cached === undefined ? {} : { cachedTokens: cached }),
    ...(reasoning === undefined ? {} : { reasoningTokens: reasoning }),
  }
}

/** A property read that tolerates any shape: the service adds and drops fields over time. */
export function field(value: unknown, key: string): unknown {
  return value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined
}

/** A string field, or undefined. */
export function text(value: unknown, key: string): string | undefined {
  const found = field(value, key)
  return typeof found === 'string' ? found : undefined
}

/** A finite number field, or undefined. */
export function count(value: unknown, key: string): number | undefined {
  const found = field(value, key)
  return typeof found === 'number' && Number.isFinite(found) ? found : undefined
}
