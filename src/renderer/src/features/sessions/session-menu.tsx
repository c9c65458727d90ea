import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react'

type SessionMenuProps = {
  title: string
  pinned: boolean
  open: boolean
  /** The id of the session's own button, which describes this one ("More actions, <title>"). */
  describedBy: string
  /** Only the row that holds the list's tab stop is reachable with Tab. */
  tabbable: boolean
  onOpen(): void
  onClose(): void
  onRename(): void
  onTogglePin(): void
  onExport(format: 'markdown' | 'json'): void
  onDelete(): void
}

// The gap between the button and its menu, and from the window's edges, in pixels.
const gap = 4

/** Places the fixed-position menu under its button, or above it near the bottom of the window. */
function placeMenu(menu: HTMLElement, button: HTMLElement) {
  const anchor = button.getBoundingClientRect()
  const height = menu.offsetHeight
  const below = anchor.bottom + gap
  const top = below + height > window.innerHeight ? Math.max(gap, anchor.top - gap - height) : below
  menu.style.top = `${top}px`
  menu.style.left = `${Math.max(gap, anchor.right - menu.offsetWidth)}px`
}

/** Places a submenu beside the item that opened it, on whichever side has room. */
function placeSubmenu(submenu: HTMLElement, item: HTMLElement) {
  const anchor = item.getBoundingClientRect()
  const width = submenu.offsetWidth
  const right = anchor.right + gap
  const left = right + width > window.innerWidth ? Math.max(gap, anchor.left - gap - width) : right
  const top = Math.max(gap, Math.min(anchor.top, window.innerHeight - gap - submenu.offsetHeight))
  submenu.style.top = `${top}px`
  submenu.style.left = `${left}px`
}

function menuItems(menu: Element | null): HTMLElement[] {
  return menu ? [...menu.querySelectorAll<HTMLElement>('[role="menuitem"]')] : []
}

/**
 * "More actions" for one session, as the WAI-ARIA menu button pattern: Enter, Space or Down
 * opens the menu on its first item, Up/Down/Home/End move, Escape closes it back onto the
 * button, Tab leaves. "Export" opens a submenu (Markdown or JSON) the same way, Right/Left in
 * and out. The menu is `position: fixed` so the list's scrolling box does not clip it.
 */
export function SessionMenu(props: SessionMenuProps) {
  const { title, pinned, open, describedBy, tabbable, onOpen, onClose } = props
  const ids = useId()
  const button = useRef<HTMLButtonElement>(null)
  const menu = useRef<HTMLDivElement>(null)
  const exportItem = useRef<HTMLButtonElement>(null)
  const submenu = useRef<HTMLDivElement>(null)
  const [exporting, setExporting] = useState(false)

  useLayoutEffect(() => {
    if (!open || !menu.current || !button.current) return
    placeMenu(menu.current, button.current)
    menuItems(menu.current)[0]?.focus()
  }, [open])

  useLayoutEffect(() => {
    if (!exporting || !submenu.current || !exportItem.current) return
    placeSubmenu(submenu.current, exportItem.current)
    menuItems(submenu.current)[0]?.focus()
  }, [exporting])

  useEffect(() => {
    if (!open) return
    const closeOutside = (event: PointerEvent) => {
      const target = event.target as Node
      const inside = [menu, submenu, button].some((part) => part.current?.contains(target))
      if (!inside) {
        setExporting(false)
        onClose()
      }
    }
    document.addEventListener('pointerdown', closeOutside)
    return () => document.removeEventListener('pointerdown', closeOutside)
  }, [open, onClose])

  const close = () => {
    // Focus goes back to the button before the menu (which holds it) goes away.
    button.current?.focus()
    setExporting(false)
    onClose()
  }

  const choose = (action: () => void) => {
    close()
    action()
  }

  const onMenuKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const list = (event.target as HTMLElement).closest<HTMLElement>('[role="menu"]')
    const items = menuItems(list)
    const at = items.indexOf(event.target as HTMLElement)
    const inSubmenu = list !== null && list === submenu.current
    const moveTo = (index: number) => items[(index + items.length) % items.length]?.focus()
    switch (event.key) {
      case 'ArrowDown':
        moveTo(at + 1)
        break
      case 'ArrowUp':
        moveTo(at - 1)
        break
      case 'Home':
        moveTo(0)
        break
      case 'End':
        moveTo(items.length - 1)
        break
      case 'ArrowRight':
        if (event.target === exportItem.current) setExporting(true)
        break
      case 'ArrowLeft':
      case 'Escape':
        if (inSubmenu) {
          exportItem.current?.focus()
          setExporting(false)
        } else if (event.key === 'Escape') close()
        break
      case 'Tab':
        setExporting(false)
        onClose()
        return
      default:
        return
    }
    event.preventDefault()
    event.stopPropagation()
  }

  return (
    <>
      <button
        ref={button}
        type="button"
        className="session-more"
        aria-label="More actions"
        aria-describedby={describedBy}
        aria-haspopup="menu"
        aria-expanded={open}
        tabIndex={tabbable ? 0 : -1}
        onClick={() => (open ? close() : onOpen())}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && !open) {
            event.preventDefault()
            onOpen()
          }
        }}
      >
        <span aria-hidden="true">⋯</span>
      </button>
      {open ? (
        <div
          ref={menu}
          role="menu"
          aria-label={`Actions for ${title}`}
          className="session-menu"
          onKeyDown={onMenuKeyDown}
        >
          <button
            type="button"
            role="menuitem"
            tabIndex={-1}
            onClick={() => choose(props.onRename)}
          >
            Rename
          </button>
          <button
            type="button"
            role="menuitem"
            tabIndex={-1}
            onClick={() => choose(props.onTogglePin)}
          >
            {pinned ? 'Unpin' : 'Pin'}
          </button>
          <button
            ref={exportItem}
            type="button"
            role="menuitem"
            tabIndex={-1}
            aria-haspopup="menu"
            aria-expanded={exporting}
            aria-controls={exporting ? `${ids}-export` : undefined}
            onClick={() => setExporting((was) => !was)}
          >
            Export
          </button>
          <button
            type="button"
            role="menuitem"
            tabIndex={-1}
            className="session-menu-danger"
            onClick={() => choose(props.onDelete)}
          >
            Delete
          </button>
        </div>
      ) : null}
      {open && exporting ? (
        <div
          ref={submenu}
          id={`${ids}-export`}
          role="menu"
          aria-label="Export as"
          className="session-menu session-submenu"
          onKeyDown={onMenuKeyDown}
        >
          <button
            type="button"
            role="menuitem"
            tabIndex={-1}
            onClick={() => choose(() => props.onExport('markdown'))}
          >
            Markdown
          </button>
          <button
            type="button"
            role="menuitem"
            tabIndex={-1}
            onClick={() => choose(() => props.onExport('json'))}
          >
            JSON
          </button>
        </div>
      ) : null}
    </>
  )
}
