import type { IncomingMessage, ServerResponse } from 'node:http'
import { ApiFailure, errorBody, type ApiError, type Flavor } from './api-error.ts'

/** Headers on every answer. No `Access-Control-*` header, ever: browsers must stay out. */
const baseHeaders = { 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' }

/** Sends a JSON body. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    ...baseHeaders,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  })
  res.end(text)
}

/**
 * Sends an error in the route's envelope with its `Retry-After`. `close` ends the connection
 * after it (the rest of a refused body is never read).
 */
export function sendError(
  res: ServerResponse,
  flavor: Flavor,
  error: ApiError,
  options: { close?: boolean; headers?: Record<string, string> } = {},
): void {
  if (res.headersSent) {
    res.destroy()
    return
  }
  sendJson(res, error.status, errorBody(flavor, error), {
    ...(error.retryAfter ? { 'retry-after': error.retryAfter } : {}),
    ...(options.close ? { connection: 'close' } : {}),
    ...options.headers,
  })
}

/** Starts an SSE answer; its headers go out at once so clients see the stream has begun. */
export function startEventStream(res: ServerResponse): void {
  res.writeHead(200, {
    ...baseHeaders,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    'x-accel-buffering': 'no',
  })
  res.flushHeaders()
}

/**
 * Writes to a client and waits while its buffer is full, so a slow reader slows the upstream
 * read instead of filling memory. Resolves at once when the client has gone.
 */
export function writeAndWait(res: ServerResponse, data: string | Uint8Array): Promise<void> {
  if (res.destroyed || res.writableEnded) return Promise.resolve()
  if (res.write(data)) return Promise.resolve()
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done)
      res.off('close', done)
      resolve()
    }
    res.on('drain', done)
    res.on('close', done)
  })
}

/**
 * Reads a request body of at most `maxBytes`: a larger `Content-Length` is refused before a byte
 * is read, and a body that grows past the limit stops being read (413 either way).
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const tooLarge = () =>
    new ApiFailure({ status: 413, message: `The request body is larger than ${maxBytes} bytes.` })
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.reject(tooLarge())
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = []
    let size = 0
    const fail = (error: unknown) => {
      cleanup()
      reject(error)
    }
    const onData = (part: Buffer) => {
      size += part.length
      if (size > maxBytes) {
        req.pause()
        fail(tooLarge())
        return
      }
      parts.push(part)
    }
    const onEnd = () => {
      cleanup()
      resolve(Buffer.concat(parts, size))
    }
    const onAborted = () => fail(clientGone())
    const cleanup = () => {
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('error', fail)
      req.off('aborted', onAborted)
    }
    req.on('data', onData)
    req.on('end', onEnd)
    req.on('error', fail)
    req.on('aborted', onAborted)
  })
}

/** Parses a body that must be one JSON object. */
export function parseJsonObject(body: Buffer): Record<string, unknown> {
  let value: unknown
  try {
    value = JSON.parse(body.toString('utf8'))
  } catch {
    throw new ApiFailure({ status: 400, message: 'The request body is not valid JSON.' })
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ApiFailure({ status: 400, message: 'The request body must be a JSON object.' })
  }
  return value as Record<string, unknown>
}

/** The client went away before its request was read. */
export function clientGone(): Error {
  const error = new Error('The client closed the connection.')
  error.name = 'AbortError'
  return error
}
