import { randomUUID } from 'node:crypto'
import { createDispatcher, createEventHub, type Dispatcher, type EventHub } from '../shared/rpc.ts'
import { createAccountService } from './account/account-service.ts'
import { createAuthService, type AuthService } from './auth/auth-service.ts'
import { endpointsFromUrls } from './auth/github-endpoints.ts'
import type { ClientProfile } from './auth/client-profile.ts'
import { createChatService } from './chat/chat-service.ts'
import type { CopilotDeps } from './copilot/copilot-request.ts'
import { createApiService, type ApiService } from './api-server/api-service.ts'
import { createCopilotModelDirectory } from './api-server/model-directory.ts'
import { createHandlers } from './handlers.ts'
import { createModelService } from './models/model-service.ts'
import { trustExtraCertificates } from './network/extra-certificates.ts'
import type { Clock, HttpFetch, Log, SecretStore } from './ports.ts'
import { openSessionStore, type SessionStore } from './sessions/session-store.ts'
import type { Environment } from './settings/environment.ts'
import { loadConfig } from './settings/config-file.ts'
import type { AppPaths } from './settings/paths.ts'
import { createStateFile } from './settings/state-file.ts'

/** Everything a host must provide: the environment, where files go, and the ports. */
export type CoreOptions = {
  env: Environment
  paths: AppPaths
  fetch: HttpFetch
  clock: Clock
  log: Log
  secrets: SecretStore
  /** Overrides `config.json`'s client profile (tests). */
  profile?: ClientProfile
}

/** The app, ready to be served over any transport. */
export type Core = {
  dispatcher: Dispatcher
  hub: EventHub
  auth: AuthService
  /** The local API server (Settings → Local API, `LOGAI_API_PORT`). */
  api: ApiService
  /** Resolves once a saved sign-in has been restored (or found absent). */
  ready: Promise<void>
  /** Call after the computer wakes up or the clock jumps: renews a stale Copilot token at once. */
  resume(): void
  /** Saves running answers, stops sign-in and closes the database; calling it again does nothing. */
  close(): Promise<void>
}

/** Builds the whole app from its ports: services, handlers, the dispatcher and the event hub. */
export function createCore(options: CoreOptions): Core {
  const { env, paths, fetch, clock, log, secrets } = options
  const config = loadConfig(paths.configFile)
  const certificateProblem = config.caCertificates
    ? trustExtraCertificates(config.caCertificates)
    : null
  const configProblem = [config.problem, certificateProblem].filter(Boolean).join(' ') || undefined
  if (configProblem) log.warn(configProblem)
  const profile = options.profile ?? config.profile
  const hub = createEventHub()
  const opening = openSessionStore(paths.databaseFile, { log })
  // Only when the worker cannot start at all; every history call then says so.
  opening.catch((error: unknown) =>
    log.error('the history could not start', { error: String(error) }),
  )
  const sessions = deferredStore(opening.then((opened) => opened.store))
  const state = createStateFile(paths.stateFile, log)
  // Set once the services exist: sign-in state changes need to reach them.
  let onSignedOut = () => {}
  const auth = createAuthService({
    fetch,
    clock,
    log,
    secrets,
    profile,
    github: endpointsFromUrls(env.githubUrl, env.githubApiUrl),
    copilotApiUrl: env.copilotApiUrl,
    onChange: (authState) => {
      // Nobody may keep spending a signed-out account's requests.
      if (authState.kind === 'signed_out') onSignedOut()
      hub.emit('auth:changed', authState)
    },
  })
  const copilot: CopilotDeps = { fetch, clock, auth, profile, interactionId: randomUUID() }
  const account = createAccountService({ fetch, auth, profile, emit: hub.emit })
  const models = createModelService({
    copilot,
    state,
    clock,
    log,
    plan: async () => (await account.get()).plan,
    defaultModel: config.defaultModel,
    smallModel: config.smallModel,
  })
  const chat = createChatService({
    copilot,
    models,
    store: sessions,
    log,
    emit: hub.emit,
    defaultSystemPrompt: () => state.read().defaultSystemPrompt ?? '',
  })
  copilot.observeResponse = (response) => account.observe(response.headers)
  const api = createApiService({
    env,
    state,
    secrets,
    copilot,
    models: createCopilotModelDirectory(copilot),
    requestLog: {
      append: (entry) => sessions.appendRequestLog(entry),
      recent: (limit) => sessions.recentRequests(limit),
      // Newest day first, as the table reads.
      totalsByDay: async (days) => (await sessions.requestTotalsByDay(days, clock.now())).reverse(),
    },
    log,
    emit: hub.emit,
  })
  onSignedOut = () => {
    account.clear()
    models.clear()
    void chat.stopAll()
  }
  const handlers = createHandlers({
    auth,
    account,
    chat,
    models,
    api,
    copilot,
    sessions,
    state,
    configProblem,
    storageProblem: () =>
      opening.then(
        (opened) => opened.problem,
        () => 'LogAI could not start its history; conversations are not saved this time.',
      ),
    emitSessionsChanged: () => hub.emit('sessions:changed', {}),
    enterpriseHost: config.enterpriseHost,
  })
  const dispatcher = createDispatcher(handlers, (channel, error) =>
    log.error('request failed', {
      channel,
      error: error instanceof Error ? error.stack : String(error),
    }),
  )
  let closed = false
  return {
    dispatcher,
    hub,
    auth,
    api,
    ready: auth.restore().then(() => api.start()),
    resume: () => auth.resume(),
    async close() {
      if (closed) return
      closed = true
      auth.dispose()
      await Promise.all([chat.stopAll(), api.close()])
      await sessions.close()
    },
  }
}

/**
 * The session store while its worker opens the database: every call waits for the open to
 * finish, so the core can be built synchronously and nothing is lost in between.
 */
function deferredStore(store: Promise<SessionStore>): SessionStore {
  return new Proxy({} as SessionStore, {
    get: (_target, method) => {
      // Not a thenable: `await` on the store itself must not call into the worker.
      if (typeof method !== 'string' || method === 'then') return undefined
      return async (...args: unknown[]) =>
        ((await store)[method as keyof SessionStore] as (...a: unknown[]) => unknown)(...args)
    },
  })
}
