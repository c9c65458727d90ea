import type { SessionSummary } from '../../../../shared/contract.ts'

/** One row of the sidebar's flat list: a group's heading, or a session under it. */
export type SessionRow =
  | { kind: 'heading'; key: string; label: string }
  | {
      kind: 'session'
      key: string
      session: SessionSummary
      /** 1-based place among the sessions only, for `aria-posinset`. */
      position: number
    }

const monthFormat = new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric' })

/** Midnight (local time) `days` days before the day `now` falls in; DST-safe. */
function startOfDay(now: number, daysBefore = 0): number {
  const day = new Date(now)
  day.setHours(0, 0, 0, 0)
  day.setDate(day.getDate() - daysBefore)
  return day.getTime()
}

/**
 * The group a session last active at `updatedAt` falls in: a fixed name, or a month as a number
 * (formatted only once per group, which matters with thousands of sessions).
 */
function dateGroup(updatedAt: number, today: number, yesterday: number, weekAgo: number) {
  // A clock that jumped back puts sessions "in the future": they are still today's.
  if (updatedAt >= today) return 'Today'
  if (updatedAt >= yesterday) return 'Yesterday'
  if (updatedAt >= weekAgo) return 'Previous 7 days'
  const date = new Date(updatedAt)
  return date.getFullYear() * 12 + date.getMonth()
}

/**
 * The sidebar's rows: pinned sessions first under "Pinned", then the rest by when they were last
 * active — "Today", "Yesterday", "Previous 7 days", then one group per month ("October 2026").
 * Newest first within each group. `now` is injected so grouping can be tested at any date.
 */
export function groupSessions(sessions: readonly SessionSummary[], now: number): SessionRow[] {
  const today = startOfDay(now)
  const yesterday = startOfDay(now, 1)
  const weekAgo = startOfDay(now, 7)
  const newestFirst = sessions.toSorted((a, b) => b.updatedAt - a.updatedAt)
  const pinned = newestFirst.filter((s) => s.pinned)
  const rows: SessionRow[] = []
  let position = 0
  const push = (session: SessionSummary) =>
    rows.push({ kind: 'session', key: session.id, session, position: ++position })

  if (pinned.length) {
    rows.push({ kind: 'heading', key: 'group:pinned', label: 'Pinned' })
    pinned.forEach(push)
  }
  let current: string | number | null = null
  for (const session of newestFirst) {
    if (session.pinned) continue
    const group = dateGroup(session.updatedAt, today, yesterday, weekAgo)
    if (group !== current) {
      current = group
      const label = typeof group === 'string' ? group : monthFormat.format(session.updatedAt)
      rows.push({ kind: 'heading', key: `group:${label}`, label })
    }
    push(session)
  }
  return rows
}
