import { STATUS_CODES } from 'node:http'
import { sendCopilotError, type ErrorReply } from './copilot-gate.ts'
import type { RouteContext } from './route.ts'

/** §11.1: the answer to a prompt over the model's `max_prompt_tokens`. */
export function contextTooLong(promptTokens: number, limit: number) {
  return {
    message: `prompt token count of ${promptTokens} exceeds the limit of ${limit}`,
    code: 'model_max_prompt_tokens_exceeded',
  }
}

function defaultFaultError(status: number, retryAfter: number | undefined, promptLimit: number) {
  if (status === 429) {
    const wait = retryAfter === undefined ? 'later' : `in ${retryAfter} seconds`
    return {
      message:
        "Sorry, you've hit a rate limit that restricts the number of Copilot model requests " +
        `you can make within a specific time period. Please try again ${wait}.`,
      code: 'rate_limited',
      extra: { type: 'rate_limit_error' },
    }
  }
  if (status === 402) {
    return {
      message:
        'You have exceeded your premium request allowance. ' +
        'Wait for it to reset or enable overages.',
      code: 'quota_exceeded',
      extra: {},
    }
  }
  // The one designed 400: context too long, with numbers from the model's own limit.
  if (status === 400) return { ...contextTooLong(promptLimit + 4096, promptLimit), extra: {} }
  return {
    message: `${(STATUS_CODES[status] ?? 'error').toLowerCase()} (fake upstream fault)`,
    code: status >= 500 ? 'server_error' : 'bad_request',
    extra: {},
  }
}

/**
 * Answers an answer-route request with the scenario's forced failure if there is one, in
 * `reply`'s envelope; true when it did. `promptLimit` fills the 400's numbers.
 */
export function answerWithFault(
  ctx: RouteContext,
  reply: ErrorReply = sendCopilotError,
  promptLimit = 128000,
): boolean {
  const { scenario } = ctx.state
  const fault = scenario.chatFault
  if (fault === null) return false
  if (fault.times !== undefined) {
    scenario.chatFault = fault.times > 1 ? { ...fault, times: fault.times - 1 } : null
  }
  const headers: Record<string, string> = {}
  if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter)
  // §11.1: 429s name the exhausted limit.
  if (fault.status === 429) headers['x-ratelimit-exceeded'] = 'user_global_rate_limited'

  if (fault.body !== undefined) {
    // §11.1: some error bodies are plain text rather than JSON.
    const isText = typeof fault.body === 'string'
    const text = isText ? (fault.body as string) : JSON.stringify(fault.body)
    ctx.res.writeHead(fault.status, {
      'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(text)),
      ...headers,
    })
    ctx.res.end(text)
    return true
  }
  const error = defaultFaultError(fault.status, fault.retryAfter, promptLimit)
  reply(ctx, fault.status, error.message, error.code, error.extra, headers)
  return true
}
