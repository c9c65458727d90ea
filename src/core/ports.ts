/** Wall-clock time and waiting, injected so tests can run a fake clock. */
export type Clock = {
  /** Epoch ms. */
  now(): number
  /** Resolves after `ms`, or rejects with an AbortError when `signal` aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

/** The network: the platform's `fetch` (Electron's `net.fetch` in the app, Node's in the web host). */
export type HttpFetch = (url: string, init?: RequestInit) => Promise<Response>

/** Where the GitHub token is kept. Every call may fail; callers turn that into a designed state. */
export type SecretStore = {
  readonly kind: 'keychain' | 'memory'
  get(account: string): Promise<string | null>
  set(account: string, secret: string): Promise<void>
  delete(account: string): Promise<boolean>
  /** Every account this app has stored. */
  accounts(): Promise<string[]>
}

/** Structured log lines. Never pass a token in `fields`. */
export type Log = {
  info(message: string, fields?: Record<string, unknown>): void
  warn(message: string, fields?: Record<string, unknown>): void
  error(message: string, fields?: Record<string, unknown>): void
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(abortError())
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort)
        resolve()
      }, ms)
      const onAbort = () => {
        clearTimeout(timer)
        reject(abortError())
      }
      signal?.addEventListener('abort', onAbort, { once: true })
    }),
}

/** The error an aborted wait rejects with, named like fetch's. */
export function abortError(): Error {
  const error = new Error('Aborted')
  error.name = 'AbortError'
  return error
}

/** A log that writes one JSON line per entry to stderr. */
export function createConsoleLog(scope: string): Log {
  const write = (level: string, message: string, fields?: Record<string, unknown>) =>
    process.stderr.write(
      `${JSON.stringify({ at: new Date().toISOString(), level, scope, message, ...fields })}\n`,
    )
  return {
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  }
}
