// The history's worker thread: owns the SQLite connection and answers `StoreRequest`s in order,
// so no query ever runs on the main process's (or web host's) event loop.
import type { DatabaseSync } from 'node:sqlite'
import { parentPort } from 'node:worker_threads'
import { createHistory } from './history.ts'
import { markDamaged, openDatabase } from './open-database.ts'
import { storageCondition, toStorageFailure } from './storage-errors.ts'
import type { StoreReply, StoreRequest, StoreOps } from './store-protocol.ts'

const port = parentPort
if (!port) throw new Error('store-worker.ts runs as a worker thread')

let open: { db: DatabaseSync; ops: StoreOps; path: string; persistent: boolean } | null = null

function log(level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) {
  port?.postMessage({
    kind: 'log',
    level,
    message,
    ...(fields ? { fields } : {}),
  } satisfies StoreReply)
}

function run(request: StoreRequest): unknown {
  switch (request.kind) {
    case 'open': {
      if (open) throw new Error('the history is already open')
      const opened = openDatabase(request.path, request.options)
      open = {
        db: opened.db,
        ops: createHistory(opened.db, opened.fts),
        path: request.path,
        persistent: opened.persistent,
      }
      if (opened.problem) log('warn', 'history storage problem', { problem: opened.problem })
      if (!opened.fts) log('warn', 'SQLite has no FTS5 here: search scans the text instead')
      return { problem: opened.problem, persistent: opened.persistent, fts: opened.fts }
    }
    case 'call': {
      if (!open) throw new Error('the history is not open')
      const op = open.ops[request.op] as (...args: unknown[]) => unknown
      return op(...request.args)
    }
    case 'close': {
      // Closing checkpoints the WAL into the database file.
      open?.db.close()
      open = null
      return undefined
    }
  }
}

port.on('message', (request: StoreRequest) => {
  let reply: StoreReply
  try {
    reply = { kind: 'result', id: request.id, ok: true, value: run(request) }
  } catch (error) {
    if (storageCondition(error) === 'corrupt' && open?.persistent) markDamaged(open.path)
    reply = {
      kind: 'result',
      id: request.id,
      ok: false,
      error: toStorageFailure(error).error,
      detail: error instanceof Error ? error.message : String(error),
    }
  }
  try {
    port.postMessage(reply)
  } catch (error) {
    // A value that cannot cross threads is a bug here; the caller still gets an answer.
    port.postMessage({
      kind: 'result',
      id: request.id,
      ok: false,
      error: { kind: 'internal', message: 'LogAI could not read or save its history.' },
      detail: String(error),
    } satisfies StoreReply)
  }
  if (request.kind === 'close') port.close()
})
