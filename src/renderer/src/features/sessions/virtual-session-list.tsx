import {
  defaultRangeExtractor,
  observeElementRect,
  useVirtualizer,
  type Range,
} from '@tanstack/react-virtual'
import {
  memo,
  useCallback,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useReducer,
  useRef,
  useState,
  type KeyboardEvent,
  type Ref,
} from 'react'
import type { SessionRow as Row } from './group-sessions.ts'
import { KeepFocus } from './keep-focus.tsx'
import { SessionRow, sessionButtonId, type RowHandlers } from './session-row.tsx'
import type { SessionActions } from './use-session-actions.ts'

/** What the sidebar can ask of the list. */
export type SessionListHandle = {
  /** Moves focus to a session's row, scrolling it into view. */
  focusSession(id: string): void
}

type VirtualSessionListProps = {
  rows: Row[]
  /** How many sessions there are, counting any not loaded yet (for `aria-setsize`). */
  sessionCount: number
  /** The session open in the conversation. */
  openId: string | null
  actions: SessionActions
  /** Where to start scrolled to: the list is remounted after a search and comes back there. */
  initialOffset(): number
  onOffsetChange(offset: number): void
  ref?: Ref<SessionListHandle>
}

// Fixed row heights (sessions.css sets the same): no measuring, so rows stay cheap.
export const rowHeight = 34
export const headingHeight = 30
const overscan = 10
// PageUp/PageDown move this many sessions.
const pageStep = 10
// Before layout, and while the list is hidden, it measures 0 high: assume a sidebar's worth.
const initialRect = { width: 260, height: 640 }

const observeShownRect: typeof observeElementRect = (instance, callback) =>
  observeElementRect(instance, (rect) => {
    if (rect.height > 0) callback(rect)
  })

const sizeOf = (row: Row | undefined) => (row?.kind === 'heading' ? headingHeight : rowHeight)

/** Where each row starts, plus the total height at the end. */
function rowOffsets(rows: Row[]): number[] {
  const offsets = [0]
  for (const row of rows) offsets.push((offsets.at(-1) ?? 0) + sizeOf(row))
  return offsets
}

/** The index of the row at `offset` pixels from the top. */
function rowAt(offsets: number[], offset: number): number {
  let low = 0
  let high = offsets.length - 2
  while (low < high) {
    const middle = Math.ceil((low + high) / 2)
    if ((offsets[middle] ?? 0) <= offset) low = middle
    else high = middle - 1
  }
  return low
}

const GroupHeading = memo(function GroupHeading(props: { label: string; top: number }) {
  return (
    <li role="none" className="session-group" style={{ top: props.top, height: headingHeight }}>
      <h2 className="session-group-heading">{props.label}</h2>
    </li>
  )
})

/**
 * The sessions as one virtualised list: only the rows in view (plus a few) are in the DOM, with
 * group headings as rows of their own. Keyboard: one Tab stop (roving tabindex); Up/Down,
 * PageUp/PageDown, Home/End move between sessions, Enter opens, F2 renames, Delete deletes,
 * Shift+F10 or the context-menu key opens "More actions". The row holding the Tab stop is
 * always rendered, even scrolled away, so focus is never lost to an unmounted row.
 */
export function VirtualSessionList({
  rows,
  sessionCount,
  openId,
  actions,
  initialOffset,
  onOffsetChange,
  ref,
}: VirtualSessionListProps) {
  const scroller = useRef<HTMLDivElement>(null)
  const list = useRef<HTMLUListElement>(null)
  const [activeId, setActiveId] = useState<string | null>(null)
  const [renamingId, setRenamingId] = useState<string | null>(null)
  const [renameDraft, setRenameDraft] = useState<string | null>(null)
  const [menuId, setMenuId] = useState<string | null>(null)
  const [hoveredId, setHoveredId] = useState<string | null>(null)
  const [focusedId, setFocusedId] = useState<string | null>(null)
  // A row to focus once it is rendered; the counter re-renders to get it there.
  const pendingFocus = useRef<string | null>(null)
  const [, renderAgain] = useReducer((count: number) => count + 1, 0)

  const sessionIds = useMemo(
    () => rows.flatMap((row) => (row.kind === 'session' ? [row.key] : [])),
    [rows],
  )
  const indexById = useMemo(() => new Map(rows.map((row, index) => [row.key, index])), [rows])
  const offsets = useMemo(() => rowOffsets(rows), [rows])
  const isListed = (id: string | null): id is string => id !== null && indexById.has(id)
  const tabStopId = [activeId, openId].find(isListed) ?? sessionIds[0] ?? null
  const keepIndex = tabStopId === null ? undefined : indexById.get(tabStopId)

  // React Compiler is not used here; the rows are memoised by hand and get plain numbers.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: useCallback((index: number) => sizeOf(rows[index]), [rows]),
    getItemKey: useCallback((index: number) => rows[index]?.key ?? index, [rows]),
    rangeExtractor: useCallback(
      (range: Range) => {
        const indexes = defaultRangeExtractor(range)
        if (keepIndex === undefined || indexes.includes(keepIndex)) return indexes
        return [...indexes, keepIndex].sort((a, b) => a - b)
      },
      [keepIndex],
    ),
    overscan,
    initialRect,
    initialOffset,
    observeElementRect: observeShownRect,
    onChange: (instance) => onOffsetChange(instance.scrollOffset ?? 0),
  })

  // Rows added or removed above the view (a new chat, a delete) must not move what is shown.
  const laidOut = useRef<{ rows: Row[]; offsets: number[] } | null>(null)
  useLayoutEffect(() => {
    const before = laidOut.current
    laidOut.current = { rows, offsets }
    if (!before || before.rows === rows) return
    const top = virtualizer.scrollOffset ?? 0
    if (top <= 0) return
    const index = rowAt(before.offsets, top)
    const key = before.rows[index]?.key
    const now = key === undefined ? undefined : indexById.get(key)
    if (now === undefined) return
    const shifted = (offsets[now] ?? 0) + top - (before.offsets[index] ?? 0)
    // Set directly: the list's new height is already laid out, and the scroll event that
    // follows tells the virtualiser.
    if (shifted !== top && scroller.current) scroller.current.scrollTop = shifted
  }, [rows, offsets, indexById, virtualizer])

  useLayoutEffect(() => {
    const id = pendingFocus.current
    if (id === null) return
    const button = list.current?.querySelector<HTMLElement>(`[data-session-id="${CSS.escape(id)}"]`)
    if (button || !indexById.has(id)) pendingFocus.current = null
    button?.focus()
  })

  const focusSession = useCallback((id: string) => {
    pendingFocus.current = id
    setActiveId(id)
    renderAgain()
  }, [])
  useImperativeHandle(ref, () => ({ focusSession }), [focusSession])

  // The handlers read the latest props through this, so they can stay one object for good.
  const latest = useRef({ rows, indexById, sessionIds, actions })
  useLayoutEffect(() => {
    latest.current = { rows, indexById, sessionIds, actions }
  })

  const handlers = useMemo<RowHandlers>(() => {
    const sessionOf = (id: string) => {
      const { rows, indexById } = latest.current
      const row = rows[indexById.get(id) ?? -1]
      return row?.kind === 'session' ? row.session : undefined
    }
    const leave = (id: string | null, from: string) => (current: string | null) =>
      id ?? (current === from ? null : current)
    return {
      open: (id) => void latest.current.actions.open(id),
      activate: setActiveId,
      focusWithin: (id, from) => setFocusedId(leave(id, from)),
      hover: (id, from) => setHoveredId(leave(id, from)),
      openMenu(id) {
        setActiveId(id)
        setMenuId(id)
      },
      closeMenu: () => setMenuId(null),
      startRename(id) {
        setMenuId(null)
        setActiveId(id)
        setRenameDraft(null)
        setRenamingId(id)
      },
      finishRename(id, title, refocus) {
        setRenamingId(null)
        if (refocus) focusSession(id)
        if (!title) return
        void latest.current.actions.rename(id, title).then((renamed) => {
          // Failed (a full disk, say): the box comes back with what was typed, to try again,
          // unless the person has moved on.
          const stillHere = document.activeElement?.id === sessionButtonId(id)
          if (renamed || !refocus || !stillHere) return
          setRenameDraft(title)
          setRenamingId(id)
        })
      },
      togglePin(id) {
        const session = sessionOf(id)
        if (session) latest.current.actions.setPinned(id, !session.pinned)
      },
      exportSession: (id, format) => void latest.current.actions.exportSession(id, format),
      remove(id) {
        const { sessionIds, actions } = latest.current
        const at = sessionIds.indexOf(id)
        const next = sessionIds[at + 1] ?? sessionIds[at - 1]
        const hadFocus = list.current?.contains(document.activeElement) ?? false
        actions.remove(id)
        if (next && hadFocus) focusSession(next)
      },
    }
  }, [focusSession])

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const id = (event.target as HTMLElement).dataset.sessionId
    if (!id || event.altKey || event.ctrlKey) return
    const at = sessionIds.indexOf(id)
    const go = (index: number) => {
      const next = sessionIds[Math.max(0, Math.min(sessionIds.length - 1, index))]
      if (next) focusSession(next)
    }
    const key = event.shiftKey ? `Shift+${event.key}` : event.key
    if (event.metaKey && event.key !== 'Backspace') return
    switch (key) {
      case 'ArrowDown':
        go(at + 1)
        break
      case 'ArrowUp':
        go(at - 1)
        break
      case 'PageDown':
        go(at + pageStep)
        break
      case 'PageUp':
        go(at - pageStep)
        break
      case 'Home':
        go(0)
        break
      case 'End':
        go(sessionIds.length - 1)
        break
      case 'F2':
        handlers.startRename(id)
        break
      case 'Delete':
        handlers.remove(id)
        break
      case 'Backspace':
        // Cmd+Backspace is how a Mac keyboard says Delete (as in Finder).
        if (!event.metaKey) return
        handlers.remove(id)
        break
      case 'ContextMenu':
      case 'Shift+F10':
        handlers.openMenu(id)
        break
      default:
        return
    }
    event.preventDefault()
  }

  const onScroll = () => {
    if (menuId === null) return
    // A fixed menu would float away from its row: close it, keeping focus on the row.
    list.current
      ?.querySelector<HTMLElement>(`[data-session-id="${CSS.escape(menuId)}"]`)
      ?.focus({ preventScroll: true })
    setMenuId(null)
  }

  return (
    <div ref={scroller} className="session-scroller" onScroll={onScroll}>
      <KeepFocus within={list}>
        <ul
          ref={list}
          className="session-rows"
          style={{ height: virtualizer.getTotalSize() }}
          onKeyDown={onKeyDown}
        >
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index]
            if (!row) return null
            if (row.kind === 'heading') {
              return <GroupHeading key={row.key} label={row.label} top={item.start} />
            }
            const { id } = row.session
            return (
              <SessionRow
                key={row.key}
                session={row.session}
                top={item.start}
                height={rowHeight}
                position={row.position}
                setSize={sessionCount}
                isTabStop={id === tabStopId}
                isOpen={id === openId}
                isRenaming={id === renamingId}
                renameDraft={id === renamingId ? renameDraft : null}
                showActions={id === hoveredId || id === focusedId || id === menuId}
                menuOpen={id === menuId}
                handlers={handlers}
              />
            )
          })}
        </ul>
      </KeepFocus>
    </div>
  )
}
