import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { decideDeviceCode } from './device-codes.ts'
import { parseBody, readBody, sendJson } from './http-io.ts'
import { createGithubRequestId, createRequestId } from './ids.ts'
import { dispatch } from './routes.ts'
import { createDefaultScenario, parseScenarioPatch, type Scenario } from './scenario.ts'
import {
  createState,
  type FakeEvent,
  type RecordedRequest,
  type UpstreamState,
  type Urls,
} from './state.ts'

/** A running fake GitHub + Copilot API; see e2e/fake-upstream/index.ts. */
export type FakeUpstream = Urls & {
  /** The live scenario; the server updates `premiumUsed` and clears one-shot fields. */
  readonly scenario: Scenario
  /** Merges a (validated) patch into the scenario. */
  setScenario(patch: Partial<Scenario>): void
  /** Every request except /_control ones, oldest first. */
  requests: RecordedRequest[]
  events: FakeEvent[]
  /** Approves the newest pending device code (or the one given), as if typed on github.com. */
  approve(userCode?: string): void
  /** Denies it, as if the user clicked Cancel on github.com. */
  deny(userCode?: string): void
  close(): Promise<void>
}

export type FakeUpstreamOptions = {
  port?: number
  host?: string
  scenario?: Partial<Scenario>
  /** The clock the timing rules (poll interval, expiry) follow; real time by default. */
  now?: () => number
}

function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value
  }
  return headers
}

async function handle(state: UpstreamState, req: IncomingMessage, res: ServerResponse) {
  const at = state.now()
  // §11.2: x-request-id echoes the client's; x-github-request-id is what bug reports quote.
  const requestId = req.headers['x-request-id']?.toString() || createRequestId()
  res.setHeader('x-request-id', requestId)
  res.setHeader('x-github-request-id', createGithubRequestId())
  const url = new URL(req.url ?? '/', state.urls.url)
  const body = parseBody(await readBody(req), req.headers['content-type'])
  if (!url.pathname.startsWith('/_control/')) {
    state.requests.push({
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: flattenHeaders(req),
      body,
      at,
    })
  }
  await dispatch({ req, res, url, body, state, requestId })
}

function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host
}

/** Starts the fake on 127.0.0.1 and a free port unless told otherwise. */
export async function startFakeUpstream(options: FakeUpstreamOptions = {}): Promise<FakeUpstream> {
  const host = options.host ?? '127.0.0.1'
  const scenario = { ...createDefaultScenario(), ...parseScenarioPatch(options.scenario ?? {}) }
  const urls: Urls = { url: '', githubUrl: '', githubApiUrl: '', copilotUrl: '' }
  const state = createState(scenario, urls, options.now)

  const server = createServer((req, res) => {
    handle(state, req, res).catch((error: unknown) => {
      if (res.headersSent) res.destroy()
      else sendJson(res, 500, { message: `fake upstream failed: ${(error as Error).message}` })
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  const url = `http://${hostForUrl(host)}:${port}`
  Object.assign(urls, {
    url,
    githubUrl: `${url}/github`,
    githubApiUrl: `${url}/api`,
    copilotUrl: `${url}/copilot`,
  })

  return {
    ...urls,
    get scenario() {
      return state.scenario
    },
    setScenario(patch) {
      Object.assign(state.scenario, parseScenarioPatch(patch))
    },
    requests: state.requests,
    events: state.events,
    approve(userCode) {
      decideDeviceCode(state, 'approved', userCode)
    },
    deny(userCode) {
      decideDeviceCode(state, 'denied', userCode)
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        // Open streams and keep-alive sockets would otherwise hold close() open.
        server.closeAllConnections()
      })
    },
  }
}
