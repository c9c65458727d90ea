import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AuthState, EventName, EventPayload, Message } from '../../shared/contract.ts'
import type { AppError } from '../../shared/errors.ts'
import type { Frame } from '../../shared/frames.ts'
import { createMemoryTransportPair, serveTransport } from '../../shared/rpc.ts'
import { createClient, type Client } from '../../shared/rpc-client.ts'
import { createCore, type Core } from '../app.ts'
import { titleInstruction } from '../chat/title-writer.ts'
import type { ClientProfile } from '../auth/client-profile.ts'
import type { Clock, HttpFetch, Log, SecretStore } from '../ports.ts'
import { createOffsetClock } from './fake-clock.ts'
import { createMemorySecretStore } from '../secrets/memory-store.ts'
import { readEnvironment } from '../settings/environment.ts'
import { resolvePaths } from '../settings/paths.ts'

/** Collects what a test would otherwise print, so it can assert that no token is in it. */
export function createMemoryLog(): Log & { lines: string[] } {
  const lines: string[] = []
  const write = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    void lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`)
  return { lines, info: write('info'), warn: write('warn'), error: write('error') }
}

export type TestCore = {
  core: Core
  client: Client
  log: ReturnType<typeof createMemoryLog>
  /** Every frame the renderer side received. */
  frames: Frame[]
  /** The default clock (real time) and `advance` to move it forward, as after a sleep. */
  clock: ReturnType<typeof createOffsetClock>
  dataDir: string
  /** Resolves with the first event of that name that matches. */
  next<E extends EventName>(
    event: E,
    match?: (payload: EventPayload<E>) => boolean,
  ): Promise<EventPayload<E>>
  close(): Promise<void>
}

/** A real core on a temp folder, pointed at a fake upstream, driven through the typed client. */
export function createTestCore(options: {
  githubUrl: string
  githubApiUrl: string
  secrets?: SecretStore
  dataDir?: string
  /** The network; the real one by default. */
  fetch?: HttpFetch
  /** `LOGAI_COPILOT_API_URL`. */
  copilotApiUrl?: string
  /** Overrides the default client profile (e.g. direct mode). */
  profile?: ClientProfile
  /** The core's clock; real time with an `advance` by default. */
  clock?: Clock
  /** More `LOGAI_*` variables, e.g. `LOGAI_API_PORT`. */
  env?: Record<string, string>
}): TestCore {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'logai-core-'))
  const env = readEnvironment({
    LOGAI_GITHUB_URL: options.githubUrl,
    LOGAI_GITHUB_API_URL: options.githubApiUrl,
    LOGAI_DATA_DIR: dataDir,
    LOGAI_COPILOT_API_URL: options.copilotApiUrl,
    ...options.env,
  })
  const log = createMemoryLog()
  const clock = createOffsetClock()
  const core = createCore({
    env,
    paths: resolvePaths({ platform: process.platform, env: {}, home: dataDir, dataDir }),
    fetch: options.fetch ?? ((url, init) => fetch(url, init)),
    clock: options.clock ?? clock,
    log,
    secrets: options.secrets ?? createMemorySecretStore(),
    ...(options.profile ? { profile: options.profile } : {}),
  })
  const [clientEnd, serverEnd] = createMemoryTransportPair()
  serveTransport(core.dispatcher, serverEnd)
  core.hub.attach(serverEnd)
  const frames: Frame[] = []
  clientEnd.onFrame((frame) => frames.push(frame))
  const client = createClient(clientEnd)
  return {
    core,
    client,
    log,
    frames,
    clock,
    dataDir,
    next: (event, match) =>
      new Promise((resolve) => {
        const off = client.on(event, (payload) => {
          if (match && !match(payload)) return
          off()
          resolve(payload)
        })
      }),
    async close() {
      await core.close()
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Signs in through `auth:start` and waits until the flow settles. */
export async function signInThroughDeviceFlow(t: TestCore): Promise<AuthState> {
  const settled = t.next('auth:changed', (s) => s.kind === 'signed_in' || s.kind === 'signed_out')
  const started = await t.client.request('auth:start')
  if (!started.ok) throw new Error(started.error.message)
  return settled
}

/** How one streamed answer ended, with everything that streamed before. */
export type AnswerEnd = {
  streamed: string
  reasoning: string
  message: Message
  error: AppError | undefined
}

/** Follows stream `streamId` until it ends, collecting its text and reasoning. */
export async function followAnswer(t: TestCore, streamId: string): Promise<AnswerEnd> {
  let streamed = ''
  let reasoning = ''
  const off = t.client.on('chat:delta', (d) => {
    if (d.streamId !== streamId) return
    streamed += d.text
    reasoning += d.reasoning ?? ''
  })
  const end = await Promise.race([
    t.next('chat:done', (d) => d.streamId === streamId).then((d) => ({ ...d, error: undefined })),
    t.next('chat:failed', (d) => d.streamId === streamId),
  ])
  off()
  return { streamed, reasoning, message: end.message, error: end.error }
}

/** Sends a prompt and follows the streamed answer until it ends. */
export async function ask(
  t: TestCore,
  text: string,
  modelId = 'gpt-4.1',
  sessionId: string | null = null,
) {
  const sent = await t.client.request('chat:send', { sessionId, modelId, text })
  if (!sent.ok) throw new Error(sent.error.message)
  const end = await followAnswer(t, sent.value.streamId)
  return { sent: sent.value, streamed: end.streamed, end }
}

/** Whether a request body asked for a conversation's title (they run in the background). */
export function isTitleRequest(body: unknown): boolean {
  return JSON.stringify(body).includes(titleInstruction)
}
