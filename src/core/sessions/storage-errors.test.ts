import { DatabaseSync } from 'node:sqlite'
import { describe, expect, it } from 'vitest'
import { AppFailure } from '../../shared/errors.ts'
import { storageCondition, toStorageFailure } from './storage-errors.ts'

const sqliteError = (errcode: number) =>
  Object.assign(new Error('sqlite'), { code: 'ERR_SQLITE_ERROR', errcode })

describe('storage errors', () => {
  it.each([
    [13, 'full', /disk is full/],
    [8, 'read_only', /read-only/],
    [8 | (3 << 8), 'read_only', /read-only/], // SQLITE_READONLY_ROLLBACK
    [14, 'cant_open', /could not read or write its history file/],
    [10 | (12 << 8), 'cant_open', /could not read or write/], // SQLITE_IOERR_READ
    [11, 'corrupt', /damaged.*Restart LogAI/],
    [26, 'corrupt', /damaged/], // SQLITE_NOTADB
    [5, 'busy', /Another program/],
    [787, 'missing_session', /no longer exists/],
    [1, 'other', /could not read or save its history/],
  ])('maps SQLite code %i to %s with a message that says what to do', (code, condition, text) => {
    expect(storageCondition(sqliteError(code))).toBe(condition)
    expect(toStorageFailure(sqliteError(code)).error.message).toMatch(text)
  })

  it.each([
    ['ENOSPC', 'full'],
    ['EROFS', 'read_only'],
    ['EACCES', 'read_only'],
    ['EPERM', 'read_only'],
    ['ENOTDIR', 'cant_open'],
  ])('maps the file error %s to %s', (code, condition) => {
    expect(storageCondition(Object.assign(new Error(code), { code }))).toBe(condition)
  })

  it('keeps a designed failure as it is', () => {
    const failure = new AppFailure({ kind: 'invalid_input', message: 'No.' })
    expect(toStorageFailure(failure)).toBe(failure)
  })

  it('recognises the error SQLite raises when the file may grow no more', () => {
    const db = new DatabaseSync(':memory:')
    db.exec('CREATE TABLE t (x TEXT); PRAGMA max_page_count = 3;')
    let thrown: unknown
    try {
      db.prepare('INSERT INTO t VALUES (?)').run('x'.repeat(100_000))
    } catch (error) {
      thrown = error
    }
    db.close()
    expect(storageCondition(thrown)).toBe('full')
  })
})
