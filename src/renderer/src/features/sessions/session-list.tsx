import { useMemo, type Ref } from 'react'
import { useChat } from '../../stores/chat-store.ts'
import { useSessions } from '../../stores/sessions-store.ts'
import { ErrorAlert } from '../../ui/error-alert.tsx'
import { groupSessions } from './group-sessions.ts'
import { useDayStart } from './use-day-start.ts'
import type { SessionActions } from './use-session-actions.ts'
import { VirtualSessionList, type SessionListHandle } from './virtual-session-list.tsx'

type SessionListProps = {
  actions: SessionActions
  initialOffset(): number
  onOffsetChange(offset: number): void
  ref?: Ref<SessionListHandle>
}

/** Past conversations grouped by date, pinned ones first; the open one is the current page. */
export function SessionList({ actions, initialOffset, onOffsetChange, ref }: SessionListProps) {
  const sessions = useSessions((s) => s.sessions)
  const status = useSessions((s) => s.status)
  // While later pages load, the list holds fewer sessions than there are.
  const sessionCount = useSessions((s) =>
    s.hasMore ? Math.max(s.total, s.sessions.length) : s.sessions.length,
  )
  const error = useSessions((s) => s.error)
  const reload = useSessions((s) => s.load)
  const openId = useChat((s) => s.sessionId)
  const today = useDayStart()
  const rows = useMemo(() => groupSessions(sessions, today), [sessions, today])

  return (
    <>
      <ErrorAlert error={error} onRetry={() => void reload()} />
      {status === 'ready' && sessions.length === 0 ? (
        <p className="empty-hint">Your conversations will appear here.</p>
      ) : null}
      <VirtualSessionList
        ref={ref}
        rows={rows}
        sessionCount={sessionCount}
        openId={openId}
        actions={actions}
        initialOffset={initialOffset}
        onOffsetChange={onOffsetChange}
      />
    </>
  )
}
