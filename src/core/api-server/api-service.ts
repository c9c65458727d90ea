import type {
  ApiDayTotals,
  ApiRequest,
  ApiStatus,
  EventName,
  EventPayload,
} from '../../shared/contract.ts'
import type { CopilotDeps } from '../copilot/copilot-request.ts'
import type { Log, SecretStore } from '../ports.ts'
import type { StateFile } from '../settings/state-file.ts'
import { generateApiKey } from './api-key.ts'
import type { ModelDirectory } from './model-directory.ts'
import type { RequestLogEntry } from './request-log.ts'
import { createLocalApiServer, type LocalApiServer } from './server.ts'

/** The port the server takes when the person switches it on without choosing one. */
export const defaultApiPort = 4141

/** The keychain item of the key (no `/`: it is not a `host/login` sign-in). */
const keyAccount = 'local-api-key'

/** Where the request log is kept (the history database). */
export type RequestLogStore = {
  append(entry: RequestLogEntry): Promise<void>
  recent(limit: number): Promise<ApiRequest[]>
  totalsByDay(days: number): Promise<ApiDayTotals[]>
}

export type ApiServiceDeps = {
  /** `LOGAI_API_PORT` and `LOGAI_API_KEY`: headless use starts the server at once. */
  env: { apiPort: number | undefined; apiKey: string | undefined }
  state: StateFile
  secrets: SecretStore
  copilot: CopilotDeps
  models: ModelDirectory
  requestLog: RequestLogStore
  log: Log
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void
}

/** Settings → Local API: the switch, port and key, and the server they describe. */
export type ApiService = {
  /** Starts the server when the environment or the person's last choice says so. */
  start(): Promise<void>
  status(): ApiStatus
  update(change: { enabled?: boolean; port?: number }): Promise<ApiStatus>
  regenerateKey(): Promise<ApiStatus>
  requests(): Promise<{ recent: ApiRequest[]; days: ApiDayTotals[] }>
  close(): Promise<void>
}

/** Creates the service; nothing listens until `start` or `update({ enabled: true })`. */
export function createApiService(deps: ApiServiceDeps): ApiService {
  const { env, state, secrets, log } = deps
  let server: LocalApiServer | null = null
  let problem: string | null = null
  let key: { value: string; source: ApiStatus['keySource'] } | null = null
  // Serialises start/stop/restart so two quick toggles cannot leave two servers.
  let queue: Promise<unknown> = Promise.resolve()

  const enabled = () => env.apiPort !== undefined || state.read().apiEnabled === true
  const port = () => env.apiPort ?? state.read().apiPort ?? defaultApiPort

  function status(): ApiStatus {
    return {
      enabled: enabled(),
      port: server ? Number(new URL(server.url).port) : port(),
      url: server?.url ?? null,
      apiKey: key?.value ?? '',
      keySource: key?.source ?? 'memory',
      problem,
    }
  }

  /** The key from the environment, the keychain, or a new one (kept where it can be). */
  async function loadKey(): Promise<NonNullable<typeof key>> {
    if (env.apiKey) return { value: env.apiKey, source: 'environment' }
    try {
      const stored = await secrets.get(keyAccount)
      if (stored) return { value: stored, source: secrets.kind }
    } catch (error) {
      log.warn('could not read the local API key from the keychain', { error: String(error) })
    }
    return storeKey(generateApiKey())
  }

  async function storeKey(value: string): Promise<NonNullable<typeof key>> {
    try {
      await secrets.set(keyAccount, value)
      return { value, source: secrets.kind }
    } catch (error) {
      log.warn('could not keep the local API key in the keychain', { error: String(error) })
      return { value, source: 'memory' }
    }
  }

  async function stop() {
    const running = server
    server = null
    await running?.close()
  }

  async function apply() {
    await stop()
    problem = null
    if (enabled()) {
      key ??= await loadKey()
      try {
        server = await createLocalApiServer({
          port: port(),
          apiKey: key.value,
          copilot: deps.copilot,
          models: deps.models,
          log,
          onRequest: (entry) => {
            deps.emit('api:requested', entry)
            deps.requestLog
              .append(entry)
              .catch((error: unknown) =>
                log.warn('could not save a request log entry', { error: String(error) }),
              )
          },
        })
      } catch (error) {
        problem = describeListenError(error, port())
        log.warn('the local API server did not start', { problem })
      }
    }
    deps.emit('api:changed', status())
    return status()
  }

  const serially = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task, task)
    queue = next.catch(() => {})
    return next
  }

  return {
    start: () => serially(async () => void (enabled() ? await apply() : undefined)),
    status,
    update: (change) =>
      serially(() => {
        state.update({
          ...(change.enabled === undefined ? {} : { apiEnabled: change.enabled }),
          ...(change.port === undefined ? {} : { apiPort: change.port }),
        })
        return apply()
      }),
    regenerateKey: () =>
      serially(async () => {
        key = env.apiKey
          ? { value: env.apiKey, source: 'environment' }
          : await storeKey(generateApiKey())
        return server ? apply() : (deps.emit('api:changed', status()), status())
      }),
    async requests() {
      const [recent, days] = await Promise.all([
        deps.requestLog.recent(200),
        deps.requestLog.totalsByDay(30),
      ])
      return { recent, days }
    },
    close: () => serially(stop),
  }
}

/** Why listening failed, in words a person can act on. */
function describeListenError(error: unknown, port: number): string {
  const code = (error as { code?: unknown }).code
  if (code === 'EADDRINUSE') {
    return `Port ${port} is already in use by another program. Choose another port.`
  }
  if (code === 'EACCES') return `LogAI may not listen on port ${port}. Choose a port above 1024.`
  return `The local API server could not start: ${String((error as Error).message ?? error)}`
}
