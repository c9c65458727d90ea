import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { dirname } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { migrate, readSchemaVersion, schemaVersion } from './migrations.ts'
import { inTransaction } from './rows.ts'
import { ensureSearchIndex, hasFts5 } from './search-index.ts'
import { storageCondition, type StorageCondition } from './storage-errors.ts'

/** How to open the history database. */
export type OpenOptions = {
  /** `false` searches by scanning the text, as LogAI does on a SQLite without FTS5. */
  fts?: boolean
  /** Caps the file's size; writes beyond it fail as on a full disk (tests simulate one this way). */
  maxDatabaseBytes?: number
}

/** The database LogAI will use this run, and what the person must be told about it. */
export type OpenedDatabase = {
  db: DatabaseSync
  /** For people: what was wrong with the history file at start and what LogAI did; else null. */
  problem: string | null
  /** False when history lives in memory for this run only. */
  persistent: boolean
  /** Whether search uses the FTS5 index (else a plain scan). */
  fts: boolean
}

/** Request-log entries older than this are dropped at start. */
const requestLogRetentionMs = 366 * 24 * 60 * 60 * 1000

/** A file beside the database that asks the next start to check it (see `markDamaged`). */
const checkMarker = (path: string) => `${path}.needs-check`

/** Milliseconds-precise, file-name-safe UTC time, to name backups and moved-aside files. */
const stamp = () => new Date().toISOString().replace(/[:.]/g, '-')

type Attempt =
  | { ok: true; opened: OpenedDatabase }
  | { ok: false; condition: StorageCondition | 'newer'; version?: number; error?: unknown }

/**
 * Opens the history at `path`, creating and migrating it as needed, and never loses it:
 * - a damaged file is moved aside (with its WAL), never deleted, and a new one is started;
 * - a file from a newer LogAI is left untouched;
 * - a folder that cannot be written, a full disk or a locked file leave the file as it was.
 * In the last two cases this run keeps its history in memory, and `problem` says so.
 */
export function openDatabase(path: string, options: OpenOptions = {}): OpenedDatabase {
  const first = openFile(path, options)
  if (first.ok) return first.opened
  if (first.condition !== 'corrupt') return inMemory(options, describeProblem(path, first))

  let aside: string
  try {
    aside = moveAside(path)
  } catch (error) {
    const reason = describeProblem(path, { ok: false, condition: storageCondition(error), error })
    return inMemory(
      options,
      `LogAI’s history file ${path} is damaged and could not be moved aside. ${reason}`,
    )
  }
  const moved = `LogAI’s history file could not be read (it is damaged). It was moved to ${aside}`
  const second = openFile(path, options)
  if (!second.ok) {
    return inMemory(options, `${moved}. ${describeProblem(path, second)}`)
  }
  return { ...second.opened, problem: `${moved}, and LogAI started a new, empty history.` }
}

/**
 * Asks the next start to run an integrity check: SQLite reported damage while LogAI was running,
 * and a full check of a large history is too slow to run on every start.
 */
export function markDamaged(path: string): void {
  try {
    writeFileSync(checkMarker(path), 'SQLite reported this database as damaged.\n')
  } catch {
    // Best effort: the next damaged read reports it again.
  }
}

function openFile(path: string, options: OpenOptions): Attempt {
  try {
    const folder = dirname(path)
    mkdirSync(folder, { recursive: true })
    // Root ignores permission bits but not read-only mounts or the immutable flag; both show here.
    accessSync(folder, constants.W_OK)
    if (existsSync(path) && statSync(path).size > 0) {
      const version = probe(path)
      if (version > schemaVersion) return { ok: false, condition: 'newer', version }
      accessSync(path, constants.R_OK | constants.W_OK)
    }
    const db = new DatabaseSync(path, { timeout: 5_000 })
    try {
      const fts = setUp(db, options, (from) => backUp(db, path, from))
      rmSync(checkMarker(path), { force: true })
      return { ok: true, opened: { db, problem: null, persistent: true, fts } }
    } catch (error) {
      db.close()
      throw error
    }
  } catch (error) {
    return { ok: false, condition: storageCondition(error), error }
  }
}

/**
 * Reads the schema version without writing anything: a read-only connection, so a file from a
 * newer LogAI stays byte for byte as it was. Reading the schema also finds a file that is not a
 * database at all; after damage was reported at run time, a quick check looks at every page.
 */
function probe(path: string): number {
  const db = new DatabaseSync(path, { readOnly: true, timeout: 5_000 })
  try {
    db.prepare('SELECT count(*) FROM sqlite_schema').get()
    if (existsSync(checkMarker(path))) {
      const rows = db.prepare('PRAGMA quick_check').all() as { quick_check: string }[]
      if (rows.length !== 1 || rows[0]?.quick_check !== 'ok') {
        // Reported like SQLite reports damage (SQLITE_CORRUPT), so it is handled the same way.
        throw Object.assign(new Error('the integrity check failed'), { errcode: 11 })
      }
    }
    return readSchemaVersion(db)
  } finally {
    db.close()
  }
}

/** Pragmas, migrations and start-of-run clean-up; returns whether search uses FTS5. */
function setUp(db: DatabaseSync, options: OpenOptions, backup: (from: number) => void): boolean {
  // WAL: readers never wait for the writer, and a commit is one append. NORMAL syncs the WAL at
  // checkpoints only: a commit survives LogAI crashing or being killed; a power cut may lose the
  // last commits but never corrupts the file.
  db.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;
           PRAGMA journal_size_limit = ${64 * 1024 * 1024};`)
  if (options.maxDatabaseBytes !== undefined) {
    const { page_size: pageSize } = db.prepare('PRAGMA page_size').get() as { page_size: number }
    db.exec(`PRAGMA max_page_count = ${Math.ceil(options.maxDatabaseBytes / pageSize)}`)
  }
  migrate(db, backup)
  inTransaction(db, () => {
    // An answer that was streaming when LogAI last stopped will never finish: say so.
    db.exec(`UPDATE messages SET status = 'interrupted' WHERE status = 'streaming'`)
    // Deleting is undoable until LogAI quits; what was deleted in an earlier run goes now.
    db.exec('DELETE FROM sessions WHERE deleted <> 0')
    db.prepare('DELETE FROM request_log WHERE at < ?').run(Date.now() - requestLogRetentionMs)
  })
  return ensureSearchIndex(db, options.fts !== false && hasFts5(db))
}

/** A consistent copy of the database as it is, beside it, before a migration changes it. */
function backUp(db: DatabaseSync, path: string, fromVersion: number) {
  const target = `${path}.backup-v${fromVersion}-${stamp()}`
  try {
    db.prepare('VACUUM INTO ?').run(target)
  } catch (error) {
    rmSync(target, { force: true })
    throw error
  }
}

/** Renames the database and its WAL and shared-memory files to `<path>.corrupt-<time>`. */
function moveAside(path: string): string {
  const aside = `${path}.corrupt-${stamp()}`
  renameSync(path, aside)
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(path + suffix)) renameSync(path + suffix, aside + suffix)
  }
  return aside
}

/** A history that lasts until LogAI quits, for a run that cannot use the file. */
function inMemory(options: OpenOptions, problem: string): OpenedDatabase {
  const db = new DatabaseSync(':memory:')
  const fts = setUp(db, { fts: options.fts }, () => {})
  return { db, problem, persistent: false, fts }
}

const memoryOnly =
  'so this run keeps its history in memory only, and it will be gone when LogAI quits.'

function describeProblem(path: string, attempt: Extract<Attempt, { ok: false }>): string {
  const folder = dirname(path)
  switch (attempt.condition) {
    case 'newer':
      return (
        `${path} was written by a newer version of LogAI (history format ${attempt.version}; ` +
        `this version reads up to ${schemaVersion}). LogAI left it untouched, ${memoryOnly} ` +
        'Update LogAI to see your history.'
      )
    case 'read_only':
      return (
        `LogAI cannot write to ${folder} (the folder or the history file is read-only), ` +
        `${memoryOnly} Make it writable, then restart LogAI.`
      )
    case 'full':
      return `The disk holding ${folder} is full, ${memoryOnly} Free some space, then restart LogAI.`
    case 'busy':
      return `Another program is holding ${path}, ${memoryOnly} Close it, then restart LogAI.`
    case 'corrupt':
      return `LogAI’s history file ${path} is damaged, ${memoryOnly}`
    case 'cant_open':
      return (
        `${couldNotOpen(path, attempt.error)} ` +
        'Check that it is a file LogAI can read and write, then restart LogAI.'
      )
    case 'missing_session':
    case 'duplicate':
    case 'other':
      return couldNotOpen(path, attempt.error)
  }
}

function couldNotOpen(path: string, error: unknown): string {
  const detail = error instanceof Error ? ` (${error.message})` : ''
  return `LogAI could not open its history file ${path}${detail}, ${memoryOnly}`
}
