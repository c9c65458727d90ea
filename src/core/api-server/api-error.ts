import type { AppError } from '../../shared/errors.ts'

/** Which SDK family a route speaks, errors included. */
export type Flavor = 'openai' | 'anthropic'

/** A failure to send a client, before it is put in its flavor's envelope. */
export type ApiError = {
  status: number
  message: string
  /** OpenAI's `code` (Copilot's, e.g. `rate_limited`, when the upstream sent one). */
  code?: string
  param?: string
  /** The upstream's `Retry-After`, kept as sent (seconds or an HTTP date). */
  retryAfter?: string
}

/** OpenAI's error `type` for a status. */
function openAiType(status: number): string {
  if (status === 401) return 'authentication_error'
  if (status === 403) return 'permission_error'
  if (status === 404) return 'not_found_error'
  if (status === 429) return 'rate_limit_error'
  return status >= 500 ? 'server_error' : 'invalid_request_error'
}

/** Anthropic's error `type` for a status (the Messages API's documented set). */
function anthropicType(status: number): string {
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

/** The JSON body of an error in the flavor's envelope (§12: what the official SDKs read). */
export function errorBody(flavor: Flavor, error: ApiError): Record<string, unknown> {
  if (flavor === 'anthropic') {
    return { type: 'error', error: { type: anthropicType(error.status), message: error.message } }
  }
  return {
    error: {
      message: error.message,
      type: openAiType(error.status),
      param: error.param ?? null,
      code: error.code ?? null,
    },
  }
}

/** A `Retry-After` value worth passing on: delta-seconds or an HTTP date, nothing else. */
function cleanRetryAfter(value: string | null): string | undefined {
  if (!value) return undefined
  const trimmed = value.trim()
  if (/^\d{1,9}$/.test(trimmed)) return trimmed
  return /^[A-Za-z0-9 ,:-]{1,40}$/.test(trimmed) && !Number.isNaN(Date.parse(trimmed))
    ? trimmed
    : undefined
}

/**
 * A refused Copilot answer as an ApiError with the same status and `Retry-After` (§11.1, §12).
 * The body may be Copilot's `{error: {message, code}}`, Anthropic's `{type: "error", error}`
 * (§9) or plain text; an HTML page says nothing useful and is replaced by the status.
 */
export async function readUpstreamError(response: Response): Promise<ApiError> {
  const raw = (await response.text().catch(() => '')).trim()
  const retryAfter = cleanRetryAfter(response.headers.get('retry-after'))
  let message = ''
  let code: string | undefined
  let param: string | undefined
  try {
    const body: unknown = JSON.parse(raw)
    const outer = isRecord(body) ? body : {}
    const inner = isRecord(outer.error) ? outer.error : outer
    if (typeof outer.error === 'string') message = outer.error
    else if (typeof inner.message === 'string') message = inner.message
    if (typeof inner.code === 'string' && inner.code) code = inner.code
    if (typeof inner.param === 'string') param = inner.param
  } catch {
    if (!raw.startsWith('<')) message = raw.slice(0, 500)
  }
  return {
    status: response.status,
    message: message || `GitHub Copilot answered HTTP ${response.status}.`,
    ...(code ? { code } : {}),
    ...(param ? { param } : {}),
    ...(retryAfter ? { retryAfter } : {}),
  }
}

/**
 * A designed failure of the core (sign-in, network) as an ApiError. A signed-out LogAI is a 401
 * whose message says where to fix it, so clients do not retry it.
 */
export function fromAppError(error: AppError): ApiError {
  switch (error.kind) {
    case 'unauthorized':
      return { status: 401, message: `LogAI is not signed in to GitHub Copilot: ${error.message}` }
    case 'no_copilot_access':
      return { status: 403, message: error.message }
    case 'rate_limited':
      return {
        status: 429,
        message: error.message,
        retryAfter: String(Math.ceil(error.retryAfterMs / 1000)),
      }
    case 'network':
      return { status: 502, message: error.message }
    case 'cancelled':
      return { status: 499, message: error.message }
    case 'upstream':
      return { status: error.status >= 400 ? error.status : 502, message: error.message }
    default:
      return { status: 502, message: error.message }
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Thrown where a request cannot go on; the server answers `error` in the route's envelope. */
export class ApiFailure extends Error {
  readonly apiError: ApiError
  constructor(apiError: ApiError) {
    super(apiError.message)
    this.name = 'ApiFailure'
    this.apiError = apiError
  }
}

/** A 400 about the client's body. */
export function badRequest(message: string, param?: string): ApiFailure {
  return new ApiFailure({ status: 400, message, ...(param ? { param } : {}) })
}
