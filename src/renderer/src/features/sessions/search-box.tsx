import { useEffect, type RefObject } from 'react'

type SearchBoxProps = {
  value: string
  onChange(value: string): void
  /** Down arrow: move into the results. */
  onEnterResults(): void
  inputRef: RefObject<HTMLInputElement | null>
}

/** Ctrl+K (Cmd+K on a Mac): the shortcut that focuses the box from anywhere in the window. */
function isSearchShortcut(event: KeyboardEvent): boolean {
  return (
    (event.ctrlKey || event.metaKey) &&
    !event.altKey &&
    !event.shiftKey &&
    event.key.toLowerCase() === 'k'
  )
}

/**
 * "Search sessions": typing shows matching sessions instead of the list, Escape clears, Down
 * moves into the results, and Ctrl+K gets here from anywhere. `/` is left to the composer, where
 * it is text.
 */
export function SearchBox({ value, onChange, onEnterResults, inputRef }: SearchBoxProps) {
  useEffect(() => {
    const focusSearch = (event: KeyboardEvent) => {
      if (!isSearchShortcut(event) || event.defaultPrevented) return
      event.preventDefault()
      inputRef.current?.focus()
      inputRef.current?.select()
    }
    window.addEventListener('keydown', focusSearch)
    return () => window.removeEventListener('keydown', focusSearch)
  }, [inputRef])

  return (
    <input
      ref={inputRef}
      type="search"
      className="text-input text-input-compact session-search"
      aria-label="Search sessions"
      aria-keyshortcuts="Control+K Meta+K"
      placeholder="Search sessions (Ctrl+K)"
      autoComplete="off"
      spellCheck={false}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && value) onChange('')
        else if (event.key === 'ArrowDown' && value.trim()) onEnterResults()
        else return
        event.preventDefault()
      }}
    />
  )
}
