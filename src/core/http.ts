import { AppFailure, type AppError } from '../shared/errors.ts'
import type { HttpFetch } from './ports.ts'

/** How long a request that is not a stream may take before it counts as a network failure. */
export const requestTimeoutMs = 30_000

/**
 * Calls fetch, turning a transport failure (DNS, refused, reset, TLS) or no answer within
 * `timeoutMs` into a `network` AppFailure. A caller's own abort still surfaces as an AbortError.
 * Streams pass `timeoutMs: null`: a long answer is not a hung one, and Stop ends it.
 */
export async function fetchOrFail(
  fetch: HttpFetch,
  url: string,
  init: RequestInit,
  what: string,
  timeoutMs: number | null = requestTimeoutMs,
): Promise<Response> {
  const signals = [init.signal, timeoutMs === null ? null : AbortSignal.timeout(timeoutMs)]
  const signal = AbortSignal.any(signals.filter((s): s is AbortSignal => s != null))
  try {
    return await fetch(url, { ...init, signal })
  } catch (thrown) {
    if (init.signal?.aborted) throw thrown
    if (thrown instanceof Error && thrown.name === 'TimeoutError') {
      throw new AppFailure({
        kind: 'network',
        message: `${what} did not answer within ${(timeoutMs ?? 0) / 1000} s. Check your connection.`,
      })
    }
    const cause = thrown instanceof Error ? describeCause(thrown) : ''
    throw new AppFailure({
      kind: 'network',
      message: `Could not reach ${what}${cause ? ` (${cause})` : ''}. Check your connection.`,
    })
  }
}

function describeCause(error: Error): string {
  const cause = (error as { cause?: unknown }).cause
  if (cause && typeof cause === 'object' && 'code' in cause) return String(cause.code)
  return ''
}

/** Reads a body as JSON, or undefined when it is not JSON (5xx pages are often HTML). */
export async function readJson(response: Response): Promise<unknown> {
  const text = await response.text()
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** The `Retry-After` header in ms; it may be seconds or an HTTP date (§11.1). */
export function retryAfterMs(response: Response, now: number): number | undefined {
  const value = response.headers.get('retry-after')
  if (!value) return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

/** A service error with its request id, for messages people can quote in a bug report. */
export function upstreamError(response: Response, message: string): AppError {
  const requestId =
    response.headers.get('x-github-request-id') ?? response.headers.get('x-request-id') ?? undefined
  return { kind: 'upstream', status: response.status, message, ...(requestId ? { requestId } : {}) }
}
