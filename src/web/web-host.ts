import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer } from 'ws'
import type { Core } from '../core/app.ts'
import { contentSecurityPolicy } from '../core/security/content-security-policy.ts'
import { serveTransport } from '../shared/rpc.ts'
import { serveStatic } from './static-files.ts'
import { createWebSocketTransport } from './ws-transport.ts'

export type WebHost = {
  /** The address to open, carrying the per-launch secret. */
  url: string
  port: number
  close(): Promise<void>
}

/** Largest RPC frame accepted from the browser (a long prompt fits with room to spare). */
const maxFrameBytes = 4 * 1024 * 1024

/**
 * Serves the built renderer and the RPC WebSocket on 127.0.0.1 only. The WebSocket demands the
 * per-launch secret, a loopback `Host` (no DNS rebinding) and this server's own `Origin` (no other
 * site can drive LogAI from a browser tab).
 */
export async function startWebHost(options: {
  core: Core
  rendererDir: string
  port: number
}): Promise<WebHost> {
  const { core, rendererDir } = options
  const secret = randomBytes(32).toString('base64url')
  let port = 0
  const allowedHosts = () => [`127.0.0.1:${port}`, `localhost:${port}`]
  const isLoopbackHost = (request: IncomingMessage) =>
    allowedHosts().includes(request.headers.host ?? '')

  const server = createServer((request, response) => {
    if (!isLoopbackHost(request)) {
      response.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' })
      return response.end('Misdirected request')
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' })
      return response.end()
    }
    for (const [name, value] of Object.entries(securityHeaders(port)))
      response.setHeader(name, value)
    const { pathname } = new URL(request.url ?? '/', 'http://127.0.0.1')
    void serveStatic(rendererDir, pathname, response)
  })

  const sockets = new WebSocketServer({ noServer: true, maxPayload: maxFrameBytes })
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    const origin = request.headers.origin ?? ''
    const allowed =
      url.pathname === '/rpc' &&
      isLoopbackHost(request) &&
      allowedHosts().some((host) => origin === `http://${host}`) &&
      secretMatches(url.searchParams.get('secret') ?? '', secret)
    if (!allowed) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n')
      return
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
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
    server.listen(options.port, '127.0.0.1', () => resolve())
  })
  port = (server.address() as AddressInfo).port

  return {
    url: `http://127.0.0.1:${port}/?secret=${secret}`,
    port,
    async close() {
      for (const client of sockets.clients) client.terminate()
      sockets.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

function secretMatches(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
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
