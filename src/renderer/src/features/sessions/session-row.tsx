import { memo } from 'react'
import type { SessionSummary } from '../../../../shared/contract.ts'
import { RenameField } from './rename-field.tsx'
import { SessionMenu } from './session-menu.tsx'

/** What a row reports to its list; one object for every row, so rows stay memoised. */
export type RowHandlers = {
  open(id: string): void
  /** The session's button took focus: it becomes the list's tab stop. */
  activate(id: string): void
  /** Focus or the pointer entered (id) or left (null) row `from`. */
  focusWithin(id: string | null, from: string): void
  hover(id: string | null, from: string): void
  openMenu(id: string): void
  closeMenu(): void
  startRename(id: string): void
  finishRename(id: string, title: string | null, refocus: boolean): void
  togglePin(id: string): void
  exportSession(id: string, format: 'markdown' | 'json'): void
  remove(id: string): void
}

type SessionRowProps = {
  session: SessionSummary
  /** Where the virtual list puts the row, in pixels from its top. */
  top: number
  height: number
  position: number
  setSize: number
  isTabStop: boolean
  isOpen: boolean
  isRenaming: boolean
  /** What the rename box starts with instead of the title: a rename that failed, to try again. */
  renameDraft: string | null
  /** Focus or the pointer is on the row, or its menu is open: "More actions" is there. */
  showActions: boolean
  menuOpen: boolean
  handlers: RowHandlers
}

/** The DOM id of a session's own button, which "More actions" points to for its description. */
export function sessionButtonId(id: string): string {
  return `session-${id}`
}

/**
 * One session: a button named exactly by its title that opens it, and "More actions" while the
 * row has focus or the pointer. Rendering that button only then keeps a 10,000-row list cheap
 * and the Tab order short; keyboard users also have F2, Delete and Shift+F10 on the row.
 */
export const SessionRow = memo(function SessionRow({
  session,
  top,
  height,
  position,
  setSize,
  isTabStop,
  isOpen,
  isRenaming,
  renameDraft,
  showActions,
  menuOpen,
  handlers,
}: SessionRowProps) {
  const { id } = session
  const title = session.title || 'Untitled chat'
  return (
    <li
      className="session-row"
      style={{ top, height }}
      aria-posinset={position}
      aria-setsize={setSize}
      data-open={isOpen || undefined}
      onMouseEnter={() => handlers.hover(id, id)}
      onMouseLeave={() => handlers.hover(null, id)}
      onFocus={() => handlers.focusWithin(id, id)}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) {
          handlers.focusWithin(null, id)
        }
      }}
      onContextMenu={(event) => {
        if (isRenaming) return
        event.preventDefault()
        handlers.openMenu(id)
      }}
    >
      {isRenaming ? (
        <RenameField
          title={session.title}
          draft={renameDraft}
          onDone={(next, refocus) => handlers.finishRename(id, next, refocus)}
        />
      ) : (
        <>
          <button
            type="button"
            id={sessionButtonId(id)}
            className="session-button"
            data-session-id={id}
            tabIndex={isTabStop ? 0 : -1}
            aria-current={isOpen ? 'page' : undefined}
            aria-keyshortcuts="F2 Delete Shift+F10"
            title={title}
            onClick={() => handlers.open(id)}
            onFocus={() => handlers.activate(id)}
          >
            {title}
          </button>
          {showActions ? (
            <SessionMenu
              title={title}
              pinned={session.pinned}
              open={menuOpen}
              describedBy={sessionButtonId(id)}
              tabbable={isTabStop}
              onOpen={() => handlers.openMenu(id)}
              onClose={handlers.closeMenu}
              onRename={() => handlers.startRename(id)}
              onTogglePin={() => handlers.togglePin(id)}
              onExport={(format) => handlers.exportSession(id, format)}
              onDelete={() => handlers.remove(id)}
            />
          ) : null}
        </>
      )}
    </li>
  )
})
