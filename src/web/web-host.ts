import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import { WebSocketServer } from 'ws'
import type { Core } from '../core/app.ts'
import type { Log } from '../core/ports.ts'
import { contentSecurityPolicy } from '../core/security/content-security-policy.ts'
import { serveTransport } from '../shared/rpc.ts'
import { answer, serveStatic } from './static-files.ts'
import { createWebSocketTransport } from './ws-transport.ts'

/** A running web host. */
export type WebHost = {
  /** The address to open, carrying the per-launch secret. */
  url: string
  port: number
  /** Drops every connection and stops listening; calling it again returns the same promise. */
  close(): Promise<void>
}

/** Largest RPC frame accepted from the browser (a long prompt fits with room to spare). */
export const maxFrameBytes = 4 * 1024 * 1024

/**
 * Serves the built renderer and the RPC WebSocket on 127.0.0.1 only. The WebSocket demands the
 * per-launch secret, a loopback `Host` (no DNS rebinding) and this server's own `Origin` (no other
 * site can drive LogAI from a browser tab). Whatever a client sends, it costs at most its own
 * connection: errors are logged through `log`, never thrown out of an event handler.
 */
export async function startWebHost(options: {
  core: Core
  rendererDir: string
  port: number
  log: Log
}): Promise<WebHost> {
  const { core, rendererDir, log } = options
  const secret = randomBytes(32).toString('base64url')
  let port = 0
  const allowedHosts = () => [`127.0.0.1:${port}`, `localhost:${port}`]
  const isLoopbackHost = (request: IncomingMessage) =>
    allowedHosts().includes(request.headers.host ?? '')

  const handleRequest = async (request: IncomingMessage, response: ServerResponse) => {
    if (!isLoopbackHost(request)) return answer(response, 421, 'Misdirected request')
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' })
      return response.end()
    }
    for (const [name, value] of Object.entries(securityHeaders(port)))
      response.setHeader(name, value)
    const url = parseRequestUrl(request)
    if (!url) return answer(response, 400, 'Bad request')
    await serveStatic(rendererDir, url.pathname, response)
  }

  const server = createServer((request, response) => {
    handleRequest(request, response).catch((error: unknown) => {
      log.error('web request failed', { error: describeError(error) })
      if (response.headersSent) response.destroy()
      else answer(response, 500, 'Internal error')
    })
  })

  // Upgraded sockets leave the server's own bookkeeping, so `close()` needs its own list.
  const connections = new Set<Socket>()
  server.on('connection', (socket) => {
    connections.add(socket)
    socket.once('close', () => connections.delete(socket))
  })

  const sockets = new WebSocketServer({ noServer: true, maxPayload: maxFrameBytes })
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node drops its own 'error' listener once a request asks to upgrade.
    socket.on('error', (error) => log.warn('web socket connection failed', errorFields(error)))
    const url = parseRequestUrl(request)
    const origin = request.headers.origin ?? ''
    const allowed =
      url !== null &&
      url.pathname === '/rpc' &&
      isLoopbackHost(request) &&
      allowedHosts().some((host) => origin === `http://${host}`) &&
      secretMatches(url.searchParams.get('secret') ?? '', secret)
    if (!allowed) return refuseUpgrade(socket)
    sockets.handleUpgrade(request, socket, head, (ws) => {
      ws.on('error', (error) =>
        log.warn('web socket closed on a protocol error', errorFields(error)),
      )
      const transport = createWebSocketTransport(ws)
      const stopServing = serveTransport(core.dispatcher, transport)
      const detach = core.hub.attach(transport)
      ws.on('close', () => {
        stopServing()
        detach()
      })
    })
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  server.on('error', (error) => log.error('web host server error', errorFields(error)))
  port = (server.address() as AddressInfo).port

  let closing: Promise<void> | undefined
  return {
    url: `http://127.0.0.1:${port}/?secret=${secret}`,
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve())
        sockets.close()
        for (const socket of connections) socket.destroy()
      })
      return closing
    },
  }
}

/** The request target as a URL, or null when it does not parse (`GET http://%%/`). */
function parseRequestUrl(request: IncomingMessage): URL | null {
  return URL.parse(request.url ?? '/', 'http://127.0.0.1')
}

function refuseUpgrade(socket: Duplex) {
  socket.once('finish', () => socket.destroy())
  socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
}

function secretMatches(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

function errorFields(error: Error): Record<string, unknown> {
  return { code: (error as NodeJS.ErrnoException).code, error: error.message }
}

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error)
}

/** The same CSP the Electron shell sets, plus this host's own WebSocket address. */
function securityHeaders(port: number): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy([
      `ws://127.0.0.1:${port}`,
      `ws://localhost:${port}`,
    ]),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  }
}
