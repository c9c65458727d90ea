import { sendJson } from './http-io.ts'
import type { RouteContext } from './route.ts'

/** Anthropic's error `type` for an HTTP status (the Messages API's documented set). */
function anthropicErrorType(status: number): string {
  switch (status) {
    case 401:
      return 'authentication_error'
    case 402:
      return 'billing_error'
    case 403:
      return 'permission_error'
    case 404:
      return 'not_found_error'
    case 413:
      return 'request_too_large'
    case 429:
      return 'rate_limit_error'
    case 503:
    case 529:
      return 'overloaded_error'
    case 504:
      return 'timeout_error'
    default:
      return status >= 500 ? 'api_error' : 'invalid_request_error'
  }
}

/**
 * §9: `/v1/messages` speaks Anthropic, errors included: `{type:"error", error:{type, message}}`.
 * Copilot's `code` has no place in that envelope, so a client must go by status and `type`.
 */
export function sendAnthropicError(
  ctx: RouteContext,
  status: number,
  message: string,
  _code: string,
  _extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): void {
  sendJson(
    ctx.res,
    status,
    { type: 'error', error: { type: anthropicErrorType(status), message } },
    headers,
  )
}
