import { request } from 'node:http'
import { randomUUID } from 'node:crypto'
import Anthropic from '@anthropic-ai/sdk'
import OpenAI from 'openai'
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
