import { useEffect, useState } from 'react'
import { assertNever } from '../../../../shared/errors.ts'
import { useSessions, type SessionsNotice } from '../../stores/sessions-store.ts'
import { ErrorAlert } from '../../ui/error-alert.tsx'

type SessionNoticeProps = {
  /** Undo was chosen for a deleted session: focus can go to it; `restoring` says if it came back. */
  onRestored(id: string, restoring: Promise<boolean>): void
  /** How long Undo is offered, in ms. */
  undoMs?: number
}

/** How long "Deleted … Undo" stays, unless the person is on it. */
export const defaultUndoMs = 8000

function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`
}

/** "Imported 3 sessions, skipped 1 already present". */
export function describeImport(imported: number, skipped: number): string {
  const brought = `Imported ${plural(imported, 'session', 'sessions')}`
  return skipped
    ? `${brought}, skipped ${skipped.toLocaleString('en-US')} already present`
    : brought
}

function noticeText(notice: SessionsNotice): string {
  switch (notice.kind) {
    case 'deleted':
      return `Deleted “${notice.session.title || 'Untitled chat'}”`
    case 'imported':
      return describeImport(notice.imported, notice.skipped)
    default:
      return assertNever(notice)
  }
}

type NoticeBodyProps = {
  notice: SessionsNotice
  undoMs: number
  onUndo(): void
  onDismiss(): void
}

/** One notice; remounted for each, so "held" never carries over to the next. */
function NoticeBody({ notice, undoMs, onUndo, onDismiss }: NoticeBodyProps) {
  const [hovered, setHovered] = useState(false)
  const [focused, setFocused] = useState(false)
  const held = hovered || focused

  useEffect(() => {
    if (notice.kind !== 'deleted' || held) return
    const timer = setTimeout(onDismiss, undoMs)
    return () => clearTimeout(timer)
  }, [notice, held, onDismiss, undoMs])

  return (
    <span
      className="session-notice-body"
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
      onFocus={() => setFocused(true)}
      onBlur={() => setFocused(false)}
    >
      <span className="session-notice-text">{noticeText(notice)}</span>
      <button
        type="button"
        className="button button-small"
        onClick={notice.kind === 'deleted' ? onUndo : onDismiss}
      >
        {notice.kind === 'deleted' ? 'Undo' : 'Dismiss'}
      </button>
    </span>
  )
}

/**
 * What just happened to the history, in a polite live region: "Deleted “…”" with Undo for
 * `undoMs` (the timer waits while the pointer or focus is on it, so Undo cannot vanish from
 * under someone reaching for it), an import's counts until dismissed, and failed actions.
 */
export function SessionNotice({ onRestored, undoMs = defaultUndoMs }: SessionNoticeProps) {
  const notice = useSessions((s) => s.notice)
  const actionError = useSessions((s) => s.actionError)
  const dismiss = useSessions((s) => s.dismissNotice)
  const undo = useSessions((s) => s.undoRemove)

  return (
    <div className="session-notice-area">
      <ErrorAlert error={actionError} />
      {/* Always rendered: a live region announces changes only once it exists. */}
      <div className="session-notice" role="status">
        {notice ? (
          <NoticeBody
            key={notice.kind === 'deleted' ? `deleted:${notice.session.id}` : notice.kind}
            notice={notice}
            undoMs={undoMs}
            onDismiss={dismiss}
            onUndo={() => {
              if (notice.kind !== 'deleted') return
              onRestored(notice.session.id, undo())
            }}
          />
        ) : null}
      </div>
    </div>
  )
}
