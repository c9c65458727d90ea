import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket, type ClientOptions } from 'ws'
import { contentSecurityPolicy } from '../core/security/content-security-policy.ts'
import { createMemoryLog, createTestCore, type TestCore } from '../core/testing/test-core.ts'
import { maxFrameBytes, startWebHost, type WebHost } from './web-host.ts'

// The tests never sign in, so the upstream only has to be an address nothing answers on.
const nowhere = 'http://127.0.0.1:9'
const indexHtml = '<!doctype html><title>LogAI test</title>'
const appJs = 'console.log("app")'

let outerDir: string
let rendererDir: string
let t: TestCore
let log: ReturnType<typeof createMemoryLog>
let host: WebHost
let secret: string

beforeAll(async () => {
  outerDir = mkdtempSync(join(tmpdir(), 'logai-web-host-'))
  rendererDir = join(outerDir, 'renderer')
  mkdirSync(join(rendererDir, 'assets'), { recursive: true })
  // A servable file kind right next to the renderer folder, which a traversal would reach.
  writeFileSync(join(outerDir, 'secret.json'), '{"token":"do not serve"}')
  writeFileSync(join(rendererDir, 'index.html'), indexHtml)
  writeFileSync(join(rendererDir, 'assets', 'app.js'), appJs)
  writeFileSync(join(rendererDir, 'notes.txt'), 'not part of the bundle')
  t = createTestCore({ githubUrl: nowhere, githubApiUrl: nowhere })
  await t.core.ready
  log = createMemoryLog()
  host = await startWebHost({ core: t.core, rendererDir, port: 0, log })
  secret = new URL(host.url).searchParams.get('secret') ?? ''
})

afterAll(async () => {
  await host?.close()
  await t?.close()
  rmSync(outerDir, { recursive: true, force: true })
})

type HttpAnswer = { status: number; headers: IncomingHttpHeaders; body: string }

/** One request on a fresh connection; `Host` is set explicitly, which fetch cannot do. */
function send(
  path: string,
  options: { method?: string; host?: string; port?: number } = {},
): Promise<HttpAnswer> {
  const port = options.port ?? host.port
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: { Host: options.host ?? `127.0.0.1:${port}` },
        agent: false,
      },
      (response) => {
        let body = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => (body += chunk))
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
        )
      },
    )
    request.on('error', reject)
    request.end()
  })
}

/** Writes bytes no HTTP client would send and returns the status line of the answer. */
function sendRaw(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(host.port, '127.0.0.1', () => socket.write(text))
    let received = ''
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => (received += chunk))
    socket.on('error', reject)
    socket.on('close', () => resolve(received.split('\r\n')[0] ?? ''))
  })
}

const origin = () => `http://127.0.0.1:${host.port}`
const rpcUrl = (query = `secret=${secret}`) => `ws://127.0.0.1:${host.port}/rpc?${query}`

function open(url = rpcUrl(), options: ClientOptions = { origin: origin() }): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, options)
    ws.once('open', () => resolve(ws))
    ws.once('error', reject)
    ws.once('unexpected-response', (_request, response) =>
      reject(new Error(`refused with ${response.statusCode}`)),
    )
  })
}

/** Resolves with the HTTP status the host refused the handshake with; fails if it was accepted. */
function refusal(url: string, options: ClientOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, options)
    ws.once('open', () => {
      ws.terminate()
      reject(new Error('the handshake was accepted'))
    })
    ws.once('error', reject)
    ws.once('unexpected-response', (request, response) => {
      resolve(response.statusCode ?? 0)
      request.destroy()
    })
  })
}

/** Sends a frame and resolves with the response frame carrying the same id. */
function call(ws: WebSocket, frame: { id: number } & Record<string, unknown>): Promise<unknown> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer) => {
      const parsed = JSON.parse(String(data)) as { type: string; id?: number }
      if (parsed.type !== 'response' || parsed.id !== frame.id) return
      ws.off('message', onMessage)
      resolve(parsed)
    }
    ws.on('message', onMessage)
    ws.send(JSON.stringify(frame))
  })
}

const authGet = (id: number) => ({ type: 'request', id, channel: 'auth:get' })

async function expectAuthAnswers(ws: WebSocket, id: number) {
  expect(await call(ws, authGet(id))).toMatchObject({
    type: 'response',
    id,
    result: { ok: true, value: { kind: 'signed_out' } },
  })
}

describe('static files', () => {
  it('serves index.html at / with the CSP allowing only its own WebSocket', async () => {
    const answer = await send('/')
    expect(answer.status).toBe(200)
    expect(answer.body).toBe(indexHtml)
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(answer.headers['content-security-policy']).toBe(
      contentSecurityPolicy([`ws://127.0.0.1:${host.port}`, `ws://localhost:${host.port}`]),
    )
    expect(answer.headers['x-content-type-options']).toBe('nosniff')
    expect(answer.headers['cache-control']).toBe('no-store')
  })

  it('serves a bundled asset with its content type', async () => {
    const answer = await send('/assets/app.js')
    expect(answer.status).toBe(200)
    expect(answer.body).toBe(appJs)
    expect(answer.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(answer.headers['x-content-type-options']).toBe('nosniff')
  })

  it.each([
    '/../package.json',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/../secret.json',
    '/..%2fsecret.json',
    '/%2e%2e%2fsecret.json',
    '/assets/..%2f..%2fsecret.json',
    '/..%5csecret.json',
  ])('never leaves the renderer folder: %s', async (path) => {
    const answer = await send(path)
    expect(answer.status).toBe(404)
    expect(answer.body).toBe('Not found')
  })

  it('answers 404 for a file kind the bundle never ships, even when it exists', async () => {
    expect((await send('/notes.txt')).status).toBe(404)
  })

  it('answers 404 for a missing file and for a folder', async () => {
    expect((await send('/assets/missing.js')).status).toBe(404)
    expect((await send('/assets/')).status).toBe(404)
  })

  it('answers 400 for a path that does not decode, and keeps serving', async () => {
    expect((await send('/%E0%A4%A')).status).toBe(400)
    expect((await send('/%E0')).status).toBe(400)
    expect((await send('/')).status).toBe(200)
  })

  it('answers 400 for a request target that is not a URL, and keeps serving', async () => {
    const statusLine = await sendRaw(
      `GET http://%%/x HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nConnection: close\r\n\r\n`,
    )
    expect(statusLine).toBe('HTTP/1.1 400 Bad Request')
    expect((await send('/')).status).toBe(200)
  })

  it('answers 400 for bytes that are not HTTP, and keeps serving', async () => {
    expect(await sendRaw('NOT HTTP AT ALL\r\n\r\n')).toBe('HTTP/1.1 400 Bad Request')
    expect((await send('/')).status).toBe(200)
  })

  it('answers 405 to anything but GET and HEAD', async () => {
    const answer = await send('/', { method: 'POST' })
    expect(answer.status).toBe(405)
    expect(answer.headers['allow']).toBe('GET, HEAD')
    expect((await send('/', { method: 'HEAD' })).status).toBe(200)
  })

  it('answers 421 to a foreign Host (DNS rebinding)', async () => {
    const answer = await send('/', { host: `evil.example:${host.port}` })
    expect(answer.status).toBe(421)
    expect(answer.body).not.toContain(indexHtml)
  })

  it('accepts localhost as well as 127.0.0.1 in Host', async () => {
    expect((await send('/', { host: `localhost:${host.port}` })).status).toBe(200)
  })
})

describe('RPC WebSocket', () => {
  it('connects with the secret and its own Origin, and answers auth:get', async () => {
    const ws = await open()
    await expectAuthAnswers(ws, 1)
    ws.close()
  })

  it('accepts the localhost spelling of its own address', async () => {
    const ws = await open(`ws://localhost:${host.port}/rpc?secret=${secret}`, {
      origin: `http://localhost:${host.port}`,
    })
    await expectAuthAnswers(ws, 1)
    ws.close()
  })

  it('refuses a missing secret', async () => {
    expect(await refusal(rpcUrl(''), { origin: origin() })).toBe(403)
  })

  it('refuses a wrong secret, including one of the right length', async () => {
    expect(await refusal(rpcUrl('secret=wrong'), { origin: origin() })).toBe(403)
    const sameLength = randomBytes(32).toString('base64url')
    expect(await refusal(rpcUrl(`secret=${sameLength}`), { origin: origin() })).toBe(403)
  })

  it('refuses another site as Origin', async () => {
    expect(await refusal(rpcUrl(), { origin: 'http://evil.example' })).toBe(403)
    expect(await refusal(rpcUrl(), { origin: `http://evil.example:${host.port}` })).toBe(403)
  })

  it('refuses a handshake without Origin', async () => {
    expect(await refusal(rpcUrl(), {})).toBe(403)
  })

  it('refuses a foreign Host (DNS rebinding)', async () => {
    expect(await refusal(rpcUrl(), { origin: origin(), headers: { Host: 'evil.example' } })).toBe(
      403,
    )
    expect(
      await refusal(rpcUrl(), {
        origin: `http://evil.example:${host.port}`,
        headers: { Host: `evil.example:${host.port}` },
      }),
    ).toBe(403)
  })

  it('refuses any path but /rpc', async () => {
    const url = `ws://127.0.0.1:${host.port}/other?secret=${secret}`
    expect(await refusal(url, { origin: origin() })).toBe(403)
  })

  it('survives a client that resets the connection while being refused', async () => {
    for (let i = 0; i < 20; i++) {
      const socket = connect(host.port, '127.0.0.1')
      socket.on('error', () => {})
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()))
      socket.write(
        'GET /rpc?secret=wrong HTTP/1.1\r\n' +
          `Host: 127.0.0.1:${host.port}\r\nOrigin: ${origin()}\r\n` +
          'Upgrade: websocket\r\nConnection: Upgrade\r\n' +
          'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
      )
      socket.resetAndDestroy()
    }
    const ws = await open()
    await expectAuthAnswers(ws, 1)
    ws.close()
  })

  it('ignores malformed frames and keeps the connection working', async () => {
    const ws = await open()
    ws.send('not json')
    ws.send(JSON.stringify({ type: 'nope' }))
    ws.send(JSON.stringify({ type: 'request', id: 'one', channel: 'auth:get' }))
    ws.send(Buffer.from([0xde, 0xad, 0xbe, 0xef]))
    await expectAuthAnswers(ws, 2)
    ws.close()
  })

  it('answers an unknown channel and invalid input as invalid_input', async () => {
    const ws = await open()
    expect(await call(ws, { type: 'request', id: 3, channel: 'fs:read' })).toMatchObject({
      result: { ok: false, error: { kind: 'invalid_input' } },
    })
    expect(
      await call(ws, {
        type: 'request',
        id: 4,
        channel: 'chat:send',
        input: { sessionId: null, modelId: 'gpt-4o', text: '   ' },
      }),
    ).toMatchObject({ id: 4, result: { ok: false, error: { kind: 'invalid_input' } } })
    expect(await call(ws, { type: 'request', id: 5, channel: 'chat:send' })).toMatchObject({
      result: { ok: false, error: { kind: 'invalid_input' } },
    })
    ws.close()
  })

  it('closes only the connection that sends a frame over the limit', async () => {
    const bystander = await open()
    const offender = await open()
    const closed = new Promise<number>((resolve) => offender.once('close', (code) => resolve(code)))
    offender.on('error', () => {})
    offender.send('x'.repeat(maxFrameBytes + 1))
    expect(await closed).toBe(1009)

    await expectAuthAnswers(bystander, 6)
    const newcomer = await open()
    await expectAuthAnswers(newcomer, 7)
    expect(log.lines.some((line) => line.includes('WS_ERR_UNSUPPORTED_MESSAGE_LENGTH'))).toBe(true)
    bystander.close()
    newcomer.close()
  })
})

describe('close', () => {
  it('drops open WebSockets and idle connections, and can be called twice', async () => {
    const own = await startWebHost({ core: t.core, rendererDir, port: 0, log: createMemoryLog() })
    const ownSecret = new URL(own.url).searchParams.get('secret') ?? ''
    const ws = new WebSocket(`ws://127.0.0.1:${own.port}/rpc?secret=${ownSecret}`, {
      origin: `http://127.0.0.1:${own.port}`,
    })
    await new Promise((resolve) => ws.once('open', resolve))
    const wsClosed = new Promise((resolve) => ws.once('close', resolve))
    const idle = connect(own.port, '127.0.0.1')
    await new Promise((resolve) => idle.once('connect', resolve))
    const idleClosed = new Promise((resolve) => idle.once('close', resolve))

    await Promise.all([own.close(), own.close()])
    await wsClosed
    await idleClosed
    await expect(send('/', { port: own.port })).rejects.toThrow()
  })
})
