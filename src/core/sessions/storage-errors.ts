import { AppFailure, type AppError } from '../../shared/errors.ts'

/** What went wrong underneath a storage call, in the terms a person can act on. */
export type StorageCondition =
  | 'full'
  | 'read_only'
  | 'cant_open'
  | 'busy'
  | 'corrupt'
  | 'missing_session'
  | 'duplicate'
  | 'other'

// SQLite's primary result codes (https://sqlite.org/rescode.html); node:sqlite reports extended
// codes in `errcode`, whose low byte is the primary one.
const sqlitePrimary: Record<number, StorageCondition> = {
  3: 'read_only', // SQLITE_PERM
  5: 'busy', // SQLITE_BUSY
  6: 'busy', // SQLITE_LOCKED
  8: 'read_only', // SQLITE_READONLY
  10: 'cant_open', // SQLITE_IOERR
  11: 'corrupt', // SQLITE_CORRUPT
  13: 'full', // SQLITE_FULL
  14: 'cant_open', // SQLITE_CANTOPEN
  23: 'read_only', // SQLITE_AUTH
  26: 'corrupt', // SQLITE_NOTADB
}
const sqliteForeignKey = 787 // SQLITE_CONSTRAINT_FOREIGNKEY
const sqliteUnique = [1555, 2067] // SQLITE_CONSTRAINT_PRIMARYKEY, SQLITE_CONSTRAINT_UNIQUE

const fileSystem: Record<string, StorageCondition> = {
  ENOSPC: 'full',
  EDQUOT: 'full',
  EROFS: 'read_only',
  EACCES: 'read_only',
  EPERM: 'read_only',
  ENOTDIR: 'cant_open',
  ENOENT: 'cant_open',
  EISDIR: 'cant_open',
  EIO: 'cant_open',
}

/** Classifies anything a storage call threw: SQLite errors by result code, file errors by errno. */
export function storageCondition(error: unknown): StorageCondition {
  if (typeof error !== 'object' || error === null) return 'other'
  const { errcode, code } = error as { errcode?: unknown; code?: unknown }
  if (typeof errcode === 'number') {
    if (errcode === sqliteForeignKey) return 'missing_session'
    if (sqliteUnique.includes(errcode)) return 'duplicate'
    return sqlitePrimary[errcode & 0xff] ?? 'other'
  }
  if (typeof code === 'string') return fileSystem[code] ?? 'other'
  return 'other'
}

/**
 * The `AppError` for a storage call that failed while LogAI runs. There is no storage kind in the
 * contract yet, so these are `internal` with a message that says what happened and what to do.
 */
export function storageError(condition: StorageCondition): AppError {
  switch (condition) {
    case 'full':
      return {
        kind: 'internal',
        message: 'The disk is full, so LogAI could not save this. Free some space and try again.',
      }
    case 'read_only':
      return {
        kind: 'internal',
        message:
          'LogAI cannot write to its history: the file or its folder is read-only. Nothing was saved.',
      }
    case 'cant_open':
      return {
        kind: 'internal',
        message:
          'LogAI could not read or write its history file. Check the disk, then restart LogAI.',
      }
    case 'busy':
      return {
        kind: 'internal',
        message: 'Another program is holding LogAI’s history file. Try again in a moment.',
      }
    case 'corrupt':
      return {
        kind: 'internal',
        message:
          'LogAI’s history file is damaged. Restart LogAI: it will move the file aside and start a new history.',
      }
    case 'missing_session':
      return { kind: 'invalid_input', message: 'That conversation no longer exists.' }
    case 'duplicate':
      return { kind: 'invalid_input', message: 'That is already in the history.' }
    case 'other':
      return { kind: 'internal', message: 'LogAI could not read or save its history.' }
  }
}

/** Turns anything a storage call threw into an `AppFailure`; designed failures pass through. */
export function toStorageFailure(error: unknown): AppFailure {
  if (error instanceof AppFailure) return error
  return new AppFailure(storageError(storageCondition(error)))
}
