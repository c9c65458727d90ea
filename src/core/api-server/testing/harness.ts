import { request } from 'node:http'
import { randomUUID } from 'node:crypto'
import Anthropic from '@anthropic-ai/sdk'
import OpenAI from 'openai'
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'
import {
  startFakeUpstream,
  type FakeUpstream,
  type Scenario,
} from '../../../../e2e/fake-upstream/index.ts'
import { defaultClientProfile } from '../../auth/client-profile.ts'
import type { CopilotDeps } from '../../copilot/copilot-request.ts'
import { systemClock } from '../../ports.ts'
import {
  createMemoryLog,
  createTestCore,
  signInThroughDeviceFlow,
  type TestCore,
} from '../../testing/test-core.ts'
import { generateApiKey } from '../api-key.ts'
import type { Limits } from '../limits.ts'
import { createCopilotModelDirectory, type ModelDirectory } from '../model-directory.ts'
import { createRequestLogRing } from '../request-log.ts'
import { createLocalApiServer, type LocalApiServer } from '../server.ts'

/** A signed-in core against the fake upstream, and Copilot deps over its sign-in. */
export type SignedIn = {
  fake: FakeUpstream
  core: TestCore
  copilot: CopilotDeps
  close(): Promise<void>
}

/** Starts the fake upstream, signs a test core in through the device flow, and returns its deps. */
export async function signInAgainstFake(scenario: Partial<Scenario> = {}): Promise<SignedIn> {
  const fake = await startFakeUpstream({
    scenario: { deviceInterval: 1, chunkDelayMs: 0, ...scenario },
  })
  const core = createTestCore({ githubUrl: fake.githubUrl, githubApiUrl: fake.githubApiUrl })
  await core.core.ready
  const state = await signInThroughDeviceFlow(core)
  if (state.kind !== 'signed_in') throw new Error(`sign-in failed: ${JSON.stringify(state)}`)
  const copilot: CopilotDeps = {
    fetch: (url, init) => fetch(url, init),
    clock: systemClock,
    auth: core.core.auth,
    profile: defaultClientProfile,
    interactionId: randomUUID(),
  }
  return {
    fake,
    core,
    copilot,
    async close() {
      await core.close()
      await fake.close()
    },
  }
}

/** The fake upstream with none of the faults a test may have set: answers whole and at once. */
export const noFaults: Partial<Scenario> = {
  chatFault: null,
  chunkDelayMs: 0,
  dropAfterChunks: null,
  midStreamError: null,
}

/**
 * Registers the hooks the suites against the fake upstream share: one signed-in fake for the
 * file, and before each test the fake set back to `scenario` (no faults unless told) and a fresh
 * API server, closed after it. `up` and `api` are read inside tests, once the hooks have set them;
 * `upstreamCalls` lists the Copilot requests the fake saw on an answer route since `from`.
 */
export function setUpApiAgainstFake(scenario: Partial<Scenario> = noFaults) {
  let up: SignedIn | undefined
  let api: ApiUnderTest | undefined
  const suite = {
    get up(): SignedIn {
      if (!up) throw new Error('not signed in yet: read `up` inside a test')
      return up
    },
    get api(): ApiUnderTest {
      if (!api) throw new Error('no API yet: read `api` inside a test')
      return api
    },
    upstreamCalls: (path: string, from = 0) =>
      suite.up.fake.requests.slice(from).filter((request) => request.path === `/copilot${path}`),
    /** Replaces this test's server with one under these limits; it is closed after the test. */
    async restartApi(limits: Partial<Limits>) {
      await suite.api.close()
      api = await startApi({ copilot: suite.up.copilot, limits })
    },
  }
  beforeAll(async () => {
    up = await signInAgainstFake()
  })
  afterAll(() => suite.up.close())
  beforeEach(async () => {
    suite.up.fake.setScenario(scenario)
    api = await startApi({ copilot: suite.up.copilot })
  })
  afterEach(() => suite.api.close())
  return suite
}

/** A local API server with SDK clients pointed at it, a request log and a memory log. */
export type ApiUnderTest = {
  server: LocalApiServer
  apiKey: string
  openai: OpenAI
  anthropic: Anthropic
  requests: ReturnType<typeof createRequestLogRing>
  log: ReturnType<typeof createMemoryLog>
  /** A raw fetch with the key, for what SDKs hide (headers, exact bodies). */
  call(path: string, init?: RequestInit): Promise<Response>
  close(): Promise<void>
}

export async function startApi(options: {
  copilot: CopilotDeps
  models?: ModelDirectory
  limits?: Partial<Limits>
}): Promise<ApiUnderTest> {
  const apiKey = generateApiKey()
  const requests = createRequestLogRing(100)
  const log = createMemoryLog()
  const server = await createLocalApiServer({
    port: 0,
    apiKey,
    copilot: options.copilot,
    models: options.models ?? createCopilotModelDirectory(options.copilot),
    log,
    onRequest: requests.record,
    ...(options.limits ? { limits: options.limits } : {}),
  })
  return {
    server,
    apiKey,
    requests,
    log,
    openai: new OpenAI({ apiKey, baseURL: `${server.url}/v1`, maxRetries: 0 }),
    anthropic: new Anthropic({ apiKey, baseURL: server.url, maxRetries: 0 }),
    call: (path, init = {}) =>
      fetch(`${server.url}${path}`, {
        ...init,
        headers: {
          authorization: `Bearer ${apiKey}`,
          'content-type': 'application/json',
          ...init.headers,
        },
      }),
    close: () => server.close(),
  }
}

/** A static model directory, for scripted upstreams. */
export function staticModels(
  models: Array<{
    id: string
    endpoints: Array<'chat_completions' | 'responses' | 'messages'>
    kind?: 'chat' | 'embeddings'
  }>,
): ModelDirectory {
  const map = new Map(
    models.map((model) => [
      model.id,
      {
        id: model.id,
        name: model.id,
        vendor: 'Test',
        kind: model.kind ?? ('chat' as const),
        endpoints: model.endpoints,
      },
    ]),
  )
  return { routes: async () => map }
}

/** What a raw HTTP exchange returned. */
export type RawAnswer = {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/**
 * One request written as is (path not normalised, any `Host`), for what fetch will not send:
 * `..` segments, absolute-form targets, a foreign `Host`.
 */
export function rawRequest(
  url: string,
  options: {
    method?: string
    path: string
    headers?: Record<string, string>
    body?: string | Buffer
  },
): Promise<RawAnswer> {
  const { port, hostname } = new URL(url)
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: hostname,
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers ?? {},
        setHost: !options.headers?.host,
      },
      (res) => {
        const parts: Buffer[] = []
        res.on('data', (part: Buffer) => parts.push(part))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(parts).toString('utf8'),
          }),
        )
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}
