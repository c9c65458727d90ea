import { Worker } from 'node:worker_threads'
import { AppFailure } from '../../shared/errors.ts'
import type { Log } from '../ports.ts'
import type { OpenOptions } from './open-database.ts'
import type { SessionStore } from './session-store.ts'
import type { OpenReply, StoreOp, StoreOps, StoreReply, StoreRequest } from './store-protocol.ts'

/** How to open the store: the database options, where to log, and (rarely) where the worker is. */
export type SessionStoreOptions = OpenOptions & {
  /** Receives the worker's warnings (no FTS5, a storage problem) and failures' underlying text. */
  log?: Log
  /** The worker's entry; by default found beside this module or the bundle (see `workerEntry`). */
  workerUrl?: URL
}

/** The open store and what to tell the person about the history at start. */
export type OpenedSessionStore = {
  store: SessionStore
  /** For `app:status.storageProblem`: what was wrong with the history file and what LogAI did. */
  problem: string | null
  /** False when this run's history lives in memory only (the message in `problem` says why). */
  persistent: boolean
}

/** How long `close` waits for the worker to finish before stopping it. */
const closeTimeoutMs = 10_000

const silentLog: Log = { info() {}, warn() {}, error() {} }

/**
 * Node runs the sources directly (web host, tests), so the worker is this folder's TypeScript; in
 * the Electron build it is an entry of its own, `session-worker.js`, written beside the main
 * bundle (electron.vite.config.ts).
 */
function workerEntry(): URL {
  return import.meta.url.endsWith('.ts')
    ? new URL('./store-worker.ts', import.meta.url)
    : new URL('./session-worker.js', import.meta.url)
}

/**
 * Starts the history's worker thread and opens the database at `path` there. Never rejects for a
 * bad file: a damaged one is moved aside, an unusable one leaves the run on an in-memory history,
 * and `problem` says which. Rejects only when the worker itself cannot start.
 */
export async function openSessionStore(
  path: string,
  options: SessionStoreOptions = {},
): Promise<OpenedSessionStore> {
  const { log = silentLog, workerUrl, ...openOptions } = options
  // The worker takes none of the host's Node flags (`--input-type` or `--eval` ones break it);
  // node:sqlite's "experimental" warning is not news to anyone reading LogAI's output.
  const worker = new Worker(workerUrl ?? workerEntry(), {
    execArgv: ['--disable-warning=ExperimentalWarning'],
  })
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: unknown): void }>()
  let nextId = 1
  /** Set once calls can no longer succeed: the store was closed or the worker died. */
  let stopped: AppFailure | null = null
  let closing: Promise<void> | null = null
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))

  // The worker keeps the process alive only while a call waits for it, so a host that forgets
  // to close the store can still exit, and a script awaiting a call is not cut short.
  worker.unref()

  const settle = (id: number) => {
    const waiter = pending.get(id)
    pending.delete(id)
    if (pending.size === 0 && !closing) worker.unref()
    return waiter
  }

  const failAll = (failure: AppFailure) => {
    stopped ??= failure
    for (const [id, waiter] of pending) {
      pending.delete(id)
      waiter.reject(failure)
    }
  }

  worker.on('message', (reply: StoreReply) => {
    if (reply.kind === 'log') {
      log[reply.level](reply.message, reply.fields)
      return
    }
    const waiter = settle(reply.id)
    if (!waiter) return
    if (reply.ok) {
      waiter.resolve(reply.value)
    } else {
      if (reply.error.kind === 'internal') {
        log.error('history storage failed', { error: reply.error.message, detail: reply.detail })
      }
      waiter.reject(new AppFailure(reply.error))
    }
  })
  worker.on('error', (error) => {
    log.error('the history worker failed', { error: error.stack ?? String(error) })
    failAll(stoppedWorking())
  })
  worker.on('exit', (code) => {
    if (!closing) log.error('the history worker stopped', { code })
    failAll(stoppedWorking())
  })

  const send = (request: DistributiveOmit<StoreRequest, 'id'>): Promise<unknown> => {
    if (stopped) return Promise.reject(stopped)
    const id = nextId++
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject })
      worker.ref()
      try {
        worker.postMessage({ ...request, id })
      } catch (error) {
        settle(id)
        reject(error)
      }
    })
  }

  const call =
    <Op extends StoreOp>(op: Op) =>
    (...args: Parameters<StoreOps[Op]>) =>
      send({ kind: 'call', op, args }) as Promise<ReturnType<StoreOps[Op]>>

  const close = () => {
    closing ??= (async () => {
      worker.ref()
      // Sent after every call already made: the worker answers them first, then closes.
      const closed = send({ kind: 'close' }).catch((error: unknown) =>
        log.error('closing the history failed', { error: String(error) }),
      )
      stopped = new AppFailure({ kind: 'internal', message: 'LogAI’s history is closed.' })
      await closed
      const timer = setTimeout(() => void worker.terminate(), closeTimeoutMs)
      await exited
      clearTimeout(timer)
    })()
    return closing
  }

  let opened: OpenReply
  try {
    opened = (await send({ kind: 'open', path, options: openOptions })) as OpenReply
  } catch (error) {
    await worker.terminate()
    throw error
  }

  const store: SessionStore = {
    createSession: call('createSession'),
    addMessage: call('addMessage'),
    startTurn: call('startTurn'),
    updateMessage: call('updateMessage'),
    deleteMessagesFrom: call('deleteMessagesFrom'),
    setSystemPrompt: call('setSystemPrompt'),
    touchSession: call('touchSession'),
    listSessions: call('listSessions'),
    listSessionPage: call('listSessionPage'),
    getSession: call('getSession'),
    getConversation: call('getConversation'),
    olderMessages: call('olderMessages'),
    renameSession: call('renameSession'),
    pinSession: call('pinSession'),
    deleteSession: call('deleteSession'),
    restoreSession: call('restoreSession'),
    search: call('search'),
    exportSessions: call('exportSessions'),
    exportSessionsJson: call('exportSessionsJson'),
    importSessions: call('importSessions'),
    promptHistory: call('promptHistory'),
    appendRequestLog: call('appendRequestLog'),
    recentRequests: call('recentRequests'),
    requestTotalsByDay: call('requestTotalsByDay'),
    close,
  }
  return { store, problem: opened.problem, persistent: opened.persistent }
}

function stoppedWorking(): AppFailure {
  return new AppFailure({
    kind: 'internal',
    message: 'LogAI’s history stopped working. Restart LogAI; nothing saved before is lost.',
  })
}

/** `Omit` applied to each member of a union. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never
