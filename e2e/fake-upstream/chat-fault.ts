import { STATUS_CODES } from 'node:http'
import { sendCopilotError } from './copilot-gate.ts'
import type { RouteContext } from './route.ts'

function defaultFaultError(status: number, retryAfter: number | undefined) {
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
  return {
    message: `${(STATUS_CODES[status] ?? 'error').toLowerCase()} (fake upstream fault)`,
    code: status >= 500 ? 'server_error' : 'bad_request',
    extra: {},
  }
}

/** Answers a request with the scenario's forced failure if there is one; true when it did. */
export function answerWithFault(ctx: RouteContext): boolean {
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
  const error = defaultFaultError(fault.status, fault.retryAfter)
  sendCopilotError(ctx, fault.status, error.message, error.code, error.extra, headers)
  return true
}
