import type { IncomingHttpHeaders } from 'node:http'
import type { ApiError } from './api-error.ts'

/** Why a request was turned away before anything else looked at it. */
export type Refusal = ApiError & { reason: string }

/**
 * The checks every request passes before its key is looked at:
 * - the target is a plain path (`/v1/...`), not an absolute URL a proxy would forward;
 * - `Host` names this server on loopback (`127.0.0.1:<port>` or `localhost:<port>`), so a web
 *   page whose own domain was re-pointed at 127.0.0.1 (DNS rebinding) is refused (421);
 * - no browser markers (`Origin`, `Sec-Fetch-Site`): browsers may not use the API at all (403),
 *   and no answer carries CORS headers, so a page cannot read one either.
 */
export function refuseForeign(
  headers: IncomingHttpHeaders,
  target: string | undefined,
  port: number,
): Refusal | undefined {
  if (!target?.startsWith('/') || target.startsWith('//')) {
    return { status: 400, reason: 'target', message: 'Requests must name a path on this server.' }
  }
  const host = (headers.host ?? '').toLowerCase()
  // A client leaves out the port when it is HTTP's default.
  const allowed = [
    `127.0.0.1:${port}`,
    `localhost:${port}`,
    ...(port === 80 ? ['127.0.0.1', 'localhost'] : []),
  ]
  if (!allowed.includes(host)) {
    return {
      status: 421,
      reason: 'host',
      message: `This server answers only to Host 127.0.0.1:${port} or localhost:${port}.`,
    }
  }
  // Node's own fetch sends `Sec-Fetch-Mode: cors`, so only `Sec-Fetch-Site` marks a browser.
  if (headers.origin !== undefined || headers['sec-fetch-site'] !== undefined) {
    return {
      status: 403,
      reason: 'browser',
      message: 'The LogAI API does not answer requests from web pages.',
    }
  }
  return undefined
}

/** The key a client presented: `Authorization: Bearer <key>` (OpenAI) or `x-api-key` (Anthropic). */
export function presentedKey(headers: IncomingHttpHeaders): string | undefined {
  const authorization = headers.authorization
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization)
    return match?.[1]
  }
  const key = headers['x-api-key']
  return typeof key === 'string' ? key.trim() : undefined
}
