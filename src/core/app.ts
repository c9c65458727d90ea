import { randomUUID } from 'node:crypto'
import { createDispatcher, createEventHub, type Dispatcher, type EventHub } from '../shared/rpc.ts'
import { createAuthService, type AuthService } from './auth/auth-service.ts'
import { defaultClientProfile, type ClientProfile } from './auth/client-profile.ts'
import { createChatService } from './chat/chat-service.ts'
import type { CopilotDeps } from './copilot/copilot-request.ts'
import { createHandlers } from './handlers.ts'
import type { Clock, HttpFetch, Log, SecretStore } from './ports.ts'
import { openSessionStore } from './sessions/session-store.ts'
import type { Environment } from './settings/environment.ts'
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
  profile?: ClientProfile
}

/** The app, ready to be served over any transport. */
export type Core = {
  dispatcher: Dispatcher
  hub: EventHub
  auth: AuthService
  /** Resolves once a saved sign-in has been restored (or found absent). */
  ready: Promise<void>
  /** Stops streams and sign-in and closes the database; calling it again does nothing. */
  close(): void
}

export function createCore(options: CoreOptions): Core {
  const { env, paths, fetch, clock, log, secrets } = options
  const profile = options.profile ?? defaultClientProfile
  const hub = createEventHub()
  const sessions = openSessionStore(paths.databaseFile)
  const state = createStateFile(paths.stateFile, log)
  const auth = createAuthService({
    fetch,
    clock,
    log,
    secrets,
    profile,
    githubUrl: env.githubUrl,
    githubApiUrl: env.githubApiUrl,
    copilotApiUrl: env.copilotApiUrl,
    onChange: (authState) => hub.emit('auth:changed', authState),
  })
  const copilot: CopilotDeps = { fetch, clock, auth, profile, interactionId: randomUUID() }
  const chat = createChatService({ copilot, store: sessions, log, emit: hub.emit })
  const handlers = createHandlers({ auth, chat, copilot, sessions, state })
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
    ready: auth.restore(),
    close() {
      if (closed) return
      closed = true
      chat.stopAll()
      auth.cancel()
      sessions.close()
    },
  }
}
