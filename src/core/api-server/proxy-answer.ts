import type { IncomingHttpHeaders, ServerResponse } from 'node:http'
import { copilotFetch, type CopilotDeps } from '../copilot/copilot-request.ts'
import type { Endpoint } from '../copilot/model-route.ts'
import { ApiFailure, isRecord, readUpstreamError } from './api-error.ts'
import {
  clientCollector,
  clientEncoder,
  translateRequest,
  upstreamDecoder,
  upstreamPath,
} from './answer-routes.ts'
import { normaliseChatCompletion } from './chat-completion-body.ts'
import { sendJson, startEventStream, writeAndWait } from './http-io.ts'
import { chooseUpstream, type ModelDirectory } from './model-directory.ts'
import { readChatUsage, type ChatUsage, type PivotEvent } from './pivot.ts'
import { hasImages, initiatorOf } from './request-traits.ts'
import { chatUsageFromResponses } from './responses-stream-decoder.ts'
import { readUpstreamEvents } from './upstream-stream.ts'

type Json = Record<string, unknown>

/** What the request log needs to know about an answer. */
export type AnswerOutcome = {
  model: string
  upstream: string
  stream: boolean
  status: number
  usage?: { input: number; output: number }
  error?: string
}

export type AnswerDeps = { copilot: CopilotDeps; models: ModelDirectory }

/** The client's request: its format, body, headers, the response to write, and its abort. */
export type AnswerCall = {
  format: Endpoint
  body: Json
  headers: IncomingHttpHeaders
  res: ServerResponse
  signal: AbortSignal
  /** Called with the model and route once they are known, for the request log. */
  onRouted(model: string, upstream: string, stream: boolean): void
}

// §5.2, §9: the betas Copilot's `/v1/messages` is known to take; others are not forwarded.
const knownBetas = new Set([
  'interleaved-thinking-2025-05-14',
  'context-management-2025-06-27',
  'advanced-tool-use-2025-11-20',
])

const cutOffMessage = 'The connection to GitHub Copilot dropped before the answer was complete.'

/**
 * Answers one chat-completions, responses or messages request through the Copilot route the
 * model supports (§6.2): passed through when the client speaks that route's format, translated
 * through the chat-completions pivot when it does not (§12). Billing follows the body (§5.3);
 * images add `Copilot-Vision-Request` (§5.2). Throws ApiFailure before the answer starts (the
 * server sends it in the route's envelope); a failure after the stream has started is sent in the
 * stream, as the client's SDK reads it.
 */
export async function proxyAnswer(deps: AnswerDeps, call: AnswerCall): Promise<AnswerOutcome> {
  const { format, body } = call
  const model = body.model
  if (typeof model !== 'string' || model === '') {
    throw new ApiFailure({ status: 400, message: 'model is required.', param: 'model' })
  }
  const info = (await deps.models.routes()).get(model)
  if (!info || info.kind !== 'chat') {
    throw new ApiFailure({
      status: 404,
      code: 'model_not_found',
      param: 'model',
      message: `The model ${model} is not available to this GitHub Copilot account. GET /v1/models lists the ones that are.`,
    })
  }
  const upstream = chooseUpstream(format, info)
  if (!upstream) {
    throw new ApiFailure({
      status: 400,
      code: 'unsupported_api_for_model',
      param: 'model',
      message: `The model ${model} cannot be reached from this API (it answers on ${info.endpoints.join(', ')}).`,
    })
  }
  const stream = body.stream === true
  const path = upstreamPath[upstream]
  call.onRouted(model, path, stream)
  const passthrough = upstream === format
  const upstreamBody = passthrough
    ? passthroughBody(format, body)
    : translateRequest(format, upstream, body)
  const response = await copilotFetch(deps.copilot, {
    method: 'POST',
    path,
    body: upstreamBody,
    intent: 'conversation-panel',
    initiator: initiatorOf(format, body),
    signal: call.signal,
    // An answer has no overall time limit; only `Accept` says whether it streams.
    stream: true,
    headers: {
      ...(passthrough && !stream ? { Accept: 'application/json' } : {}),
      ...(hasImages(format, body) ? { 'Copilot-Vision-Request': 'true' } : {}),
      ...(upstream === 'messages' ? anthropicHeaders(call.headers) : {}),
    },
  })
  if (!response.ok) throw new ApiFailure(await readUpstreamError(response))
  const outcome: AnswerOutcome = { model, upstream: path, stream, status: 200 }

  if (passthrough && !stream) {
    const answer = await response.json().catch(() => undefined)
    if (!isRecord(answer)) {
      throw new ApiFailure({
        status: 502,
        message: 'GitHub Copilot sent an answer that is not JSON.',
      })
    }
    const sent =
      format === 'chat_completions'
        ? normaliseChatCompletion(answer, { model, n: typeof body.n === 'number' ? body.n : 1 })
        : answer
    setUsage(outcome, usageOf(upstream, sent.usage))
    sendJson(call.res, 200, sent)
    return outcome
  }
  if (passthrough && upstream !== 'chat_completions') {
    await pipeEvents(response, call, upstream, outcome)
    return outcome
  }

  const decoder = upstreamDecoder(upstream, model, upstream === format ? body : upstreamBody)
  let usage: ChatUsage | undefined
  let failure: string | undefined
  const track = (event: PivotEvent) => {
    if (event.kind === 'usage') usage = event.usage
    if (event.kind === 'error') failure = event.error.message
  }

  if (!stream) {
    const collector = clientCollector(format, model, body)
    const onEvent = (event: PivotEvent) => {
      track(event)
      collector.event(event)
    }
    const ended = await readUpstreamEvents(
      response.body,
      call.signal,
      (message) => decoder.message(message.event, message.data, onEvent),
      () => {},
    )
    if (ended === 'aborted') return { ...outcome, status: 499, error: 'client closed' }
    if (!decoder.end(onEvent)) onEvent({ kind: 'error', error: { message: cutOffMessage } })
    setUsage(outcome, usage && { input: usage.prompt_tokens, output: usage.completion_tokens })
    const result = collector.result()
    if ('error' in result) {
      throw new ApiFailure({
        status: 502,
        message: `GitHub Copilot stopped the answer: ${result.error.message}`,
      })
    }
    sendJson(call.res, 200, result.body)
    return outcome
  }

  const encoder = clientEncoder(format, model, body)
  let pending = ''
  const onEvent = (event: PivotEvent) => {
    track(event)
    pending += encoder.event(event)
  }
  const flush = () => {
    if (!pending) return
    const text = pending
    pending = ''
    return writeAndWait(call.res, text)
  }
  startEventStream(call.res)
  const ended = await readUpstreamEvents(
    response.body,
    call.signal,
    (message) => decoder.message(message.event, message.data, onEvent),
    flush,
  )
  if (ended === 'aborted') return { ...outcome, error: 'client closed the stream' }
  if (!decoder.end(onEvent)) onEvent({ kind: 'error', error: { message: cutOffMessage } })
  if (!failure) pending += encoder.end()
  await flush()
  call.res.end()
  setUsage(outcome, usage && { input: usage.prompt_tokens, output: usage.completion_tokens })
  return failure ? { ...outcome, error: failure } : outcome
}

/**
 * The body sent on when the client speaks the upstream's format. Chat streams always ask for
 * usage (the log needs it; the client still gets it only when it asked, §12).
 */
function passthroughBody(format: Endpoint, body: Json): Json {
  if (format !== 'chat_completions' || body.stream !== true) return body
  const options = isRecord(body.stream_options) ? body.stream_options : {}
  return { ...body, stream_options: { ...options, include_usage: true } }
}

/**
 * §9: `anthropic-version: 2023-06-01`, the version Copilot's `/v1/messages` is known to take
 * (clients send newer dates), and those of the client's betas Copilot is known to take.
 */
function anthropicHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const betas = String(headers['anthropic-beta'] ?? '')
    .split(',')
    .map((beta) => beta.trim())
    .filter((beta) => knownBetas.has(beta))
  return {
    'anthropic-version': '2023-06-01',
    ...(betas.length > 0 ? { 'anthropic-beta': betas.join(',') } : {}),
  }
}

/** Token counts of a non-streamed body or a stream's usage, in each route's own terms. */
function usageOf(route: Endpoint, usage: unknown): { input: number; output: number } | undefined {
  if (route === 'chat_completions') {
    const chat = readChatUsage(usage)
    return chat && { input: chat.prompt_tokens, output: chat.completion_tokens }
  }
  if (route === 'responses') {
    const chat = chatUsageFromResponses(usage)
    return chat && { input: chat.prompt_tokens, output: chat.completion_tokens }
  }
  if (!isRecord(usage)) return undefined
  const count = (key: string) => (typeof usage[key] === 'number' ? usage[key] : 0)
  return {
    input:
      count('input_tokens') +
      count('cache_read_input_tokens') +
      count('cache_creation_input_tokens'),
    output: count('output_tokens'),
  }
}

function setUsage(outcome: AnswerOutcome, usage: { input: number; output: number } | undefined) {
  if (usage) outcome.usage = usage
}

// The events that end a responses (§8.2) or messages (§9) stream.
const closingEvents = new Set([
  'response.completed',
  'response.incomplete',
  'response.failed',
  'error',
  'message_stop',
])

/**
 * Passes a responses or messages stream through byte for byte. Only the events that carry usage
 * are parsed (for the log); a stream that breaks or ends without its closing event gets the
 * route's `error` event, so the client's SDK reports it instead of waiting.
 */
async function pipeEvents(
  response: Response,
  call: AnswerCall,
  route: Endpoint,
  outcome: AnswerOutcome,
) {
  startEventStream(call.res)
  let input = 0
  let output = 0
  let closed = false
  const ended = await readUpstreamEvents(
    response.body,
    call.signal,
    (message) => {
      const type = message.event ?? ''
      if (closingEvents.has(type)) closed = true
      if (type === 'error' || type === 'response.failed')
        outcome.error = 'Copilot stopped the answer'
      const where = usageAt[type]
      if (!where) return
      const event: unknown = safeParse(message.data)
      const holder = isRecord(event) && where !== 'event' ? event[where] : event
      const usage = usageOf(route, isRecord(holder) ? holder.usage : undefined)
      if (!usage) return
      if (type === 'message_start') input = usage.input
      else if (type === 'message_delta') {
        input = usage.input || input
        output = usage.output
      } else {
        input = usage.input
        output = usage.output
      }
    },
    (bytes) => writeAndWait(call.res, bytes),
  )
  if (ended === 'aborted') {
    outcome.error = 'client closed the stream'
    return
  }
  if (!closed) {
    outcome.error = cutOffMessage
    const error =
      route === 'messages'
        ? { type: 'error', error: { type: 'api_error', message: cutOffMessage } }
        : { type: 'error', code: 'server_error', message: cutOffMessage, param: null }
    await writeAndWait(call.res, `event: error\ndata: ${JSON.stringify(error)}\n\n`)
  }
  call.res.end()
  if (input || output) outcome.usage = { input, output }
}

/** Where each usage-carrying event keeps its usage: on the event or on its message/response. */
const usageAt: Record<string, 'event' | 'message' | 'response' | undefined> = {
  message_start: 'message',
  message_delta: 'event',
  'response.completed': 'response',
  'response.incomplete': 'response',
}

function safeParse(data: string): unknown {
  try {
    return JSON.parse(data)
  } catch {
    return undefined
  }
}
