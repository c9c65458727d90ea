import { describe, expect, it } from 'vitest'
import type { SessionSummary } from '../../../../shared/contract.ts'
import { groupSessions, type SessionRow } from './group-sessions.ts'

const at = (year: number, month: number, day: number, hour = 12) =>
  new Date(year, month - 1, day, hour).getTime()

const session = (id: string, updatedAt: number, pinned = false): SessionSummary => ({
  id,
  title: id,
  modelId: 'gpt-4o',
  createdAt: updatedAt,
  updatedAt,
  pinned,
})

/** The rows as a person reads them: headings in brackets, sessions by title. */
const read = (rows: SessionRow[]) =>
  rows.map((row) => (row.kind === 'heading' ? `[${row.label}]` : row.session.title))

describe('groupSessions', () => {
  const now = at(2026, 11, 12, 9)

  it('groups by day, then the past week, then by month, newest first', () => {
    const rows = groupSessions(
      [
        session('last year', at(2025, 12, 31)),
        session('early this morning', at(2026, 11, 12, 0)),
        session('late yesterday', at(2026, 11, 11, 23)),
        session('six days ago', at(2026, 11, 6)),
        session('seven days ago', at(2026, 11, 5, 1)),
        session('eight days ago', at(2026, 11, 4)),
        session('in October', at(2026, 10, 3)),
        session('also October', at(2026, 10, 28)),
      ],
      now,
    )
    expect(read(rows)).toEqual([
      '[Today]',
      'early this morning',
      '[Yesterday]',
      'late yesterday',
      '[Previous 7 days]',
      'six days ago',
      'seven days ago',
      '[November 2026]',
      'eight days ago',
      '[October 2026]',
      'also October',
      'in October',
      '[December 2025]',
      'last year',
    ])
  })

  it('lists pinned sessions first under their own heading, whatever their date', () => {
    const rows = groupSessions(
      [
        session('today', at(2026, 11, 12, 8)),
        session('old but pinned', at(2024, 2, 1), true),
        session('pinned yesterday', at(2026, 11, 11), true),
      ],
      now,
    )
    expect(read(rows)).toEqual([
      '[Pinned]',
      'pinned yesterday',
      'old but pinned',
      '[Today]',
      'today',
    ])
  })

  it('numbers the sessions alone, so a screen reader hears "3 of 3"', () => {
    const rows = groupSessions(
      [session('a', at(2026, 11, 12)), session('b', at(2026, 11, 11)), session('c', 1)],
      now,
    )
    expect(rows.flatMap((row) => (row.kind === 'session' ? [row.position] : []))).toEqual([1, 2, 3])
  })

  it('counts a session from a clock that ran ahead as today', () => {
    expect(read(groupSessions([session('ahead', at(2026, 11, 14))], now))).toEqual([
      '[Today]',
      'ahead',
    ])
  })

  it('has no rows without sessions', () => {
    expect(groupSessions([], now)).toEqual([])
  })
})
