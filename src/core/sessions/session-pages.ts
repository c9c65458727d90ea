import type { DatabaseSync } from 'node:sqlite'
import { z } from 'zod'
import type { SessionPage } from '../../shared/contract.ts'
import { AppFailure } from '../../shared/errors.ts'
import { sessionColumns, sessionRowSchema, toSummary } from './rows.ts'
import type { StoreOps } from './store-protocol.ts'

/** Where a page ends in the list's order: the last session's sort key, `n` breaking ties. */
type Position = { pinned: number; updatedAt: number; n: number }

const pagedRowSchema = sessionRowSchema.extend({ n: z.number() })

const cursorPattern = /^([01])\.(-?\d{1,16})\.(\d{1,16})$/

/** The opaque `next` of a page: the key of its last session, e.g. `0.1763771234567.42`. */
export function encodeCursor(position: Position): string {
  return `${position.pinned}.${position.updatedAt}.${position.n}`
}

/** Reads a cursor `encodeCursor` wrote; anything else is a caller's mistake. */
export function decodeCursor(cursor: string): Position {
  const match = cursorPattern.exec(cursor)
  if (!match) {
    throw new AppFailure({ kind: 'invalid_input', message: 'That list position is not valid.' })
  }
  return { pinned: Number(match[1]), updatedAt: Number(match[2]), n: Number(match[3]) }
}

const order = 'ORDER BY pinned DESC, updated_at DESC, n DESC LIMIT ?'

/** The two page queries; exported so a test can check that the index serves them. */
export const pageQueries = {
  first: `SELECT n, ${sessionColumns} FROM sessions WHERE deleted = 0 ${order}`,
  after: `SELECT n, ${sessionColumns} FROM sessions
          WHERE deleted = 0 AND (pinned, updated_at, n) < (?, ?, ?) ${order}`,
}

/**
 * The sidebar's list a page at a time, by keyset: each page starts after the previous page's
 * last key, so a page costs the same at the top and at the bottom of 10,000 sessions, and a
 * session added at the top while the rest is read does not shift the pages after it. The
 * `sessions_listed` index gives the order; SQLite sorts only ties of one millisecond by `n`.
 */
export function createSessionPages(db: DatabaseSync): Pick<StoreOps, 'listSessionPage'> {
  const statements = {
    first: db.prepare(pageQueries.first),
    after: db.prepare(pageQueries.after),
    total: db.prepare('SELECT count(*) AS total FROM sessions WHERE deleted = 0'),
  }

  return {
    listSessionPage({ after, limit }): SessionPage {
      const from = after === undefined ? null : decodeCursor(after)
      // One row more than asked says whether another page follows.
      const raw = from
        ? statements.after.all(from.pinned, from.updatedAt, from.n, limit + 1)
        : statements.first.all(limit + 1)
      const rows = raw.slice(0, limit).map((row) => pagedRowSchema.parse(row))
      const last = rows.at(-1)
      const { total } = statements.total.get() as { total: number }
      return {
        sessions: rows.map(toSummary),
        next:
          raw.length > limit && last
            ? encodeCursor({ pinned: last.pinned, updatedAt: last.updated_at, n: last.n })
            : null,
        total,
      }
    },
  }
}
