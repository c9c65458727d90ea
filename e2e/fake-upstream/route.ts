import type { IncomingMessage, ServerResponse } from 'node:http'
import type { UpstreamState } from './state.ts'

/** What every handler gets: the exchange, the parsed body and the shared state. */
export type RouteContext = {
  req: IncomingMessage
  res: ServerResponse
  url: URL
  body: unknown
  state: UpstreamState
  requestId: string
}

export type RouteHandler = (ctx: RouteContext) => void | Promise<void>

/** Reads one request parameter from the body (JSON or form), falling back to the query string. */
export function param(ctx: RouteContext, name: string): string | undefined {
  const body = ctx.body
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    const value = (body as Record<string, unknown>)[name]
    if (typeof value === 'string') return value
    if (typeof value === 'number') return String(value)
  }
  return ctx.url.searchParams.get(name) ?? undefined
}

/** One request header as a single string (repeated headers are joined, as Node does for most). */
export function header(ctx: RouteContext, name: string): string | undefined {
  const value = ctx.req.headers[name.toLowerCase()]
  return Array.isArray(value) ? value.join(', ') : value
}
