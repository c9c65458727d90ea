import { useLayoutEffect, useRef, useState } from 'react'

type RenameFieldProps = {
  /** The title shown now; the box starts with it (or with `draft`), selected. */
  title: string
  draft?: string | null
  /** The new title, or null for "keep it"; `refocus` puts focus back on the session. */
  onDone(title: string | null, refocus: boolean): void
}

// `sessions:rename` takes at most this many characters.
const maxTitleLength = 200

/** Renames a session in place: Enter saves, Escape cancels, leaving the box saves. */
export function RenameField({ title, draft, onDone }: RenameFieldProps) {
  const [value, setValue] = useState(draft ?? title)
  const input = useRef<HTMLInputElement>(null)
  // Enter and Escape end the edit; the blur that follows must not end it again.
  const finished = useRef(false)

  useLayoutEffect(() => {
    input.current?.focus()
    input.current?.select()
  }, [])

  const finish = (next: string | null, refocus: boolean) => {
    if (finished.current) return
    finished.current = true
    const trimmed = next?.trim() ?? ''
    onDone(trimmed && trimmed !== title ? trimmed : null, refocus)
  }

  return (
    <input
      ref={input}
      type="text"
      className="session-rename"
      aria-label={`Rename ${title || 'Untitled chat'}`}
      value={value}
      maxLength={maxTitleLength}
      autoComplete="off"
      spellCheck={false}
      onChange={(event) => setValue(event.target.value)}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && !event.nativeEvent.isComposing) finish(value, true)
        else if (event.key === 'Escape') finish(null, true)
        else return
        event.preventDefault()
        event.stopPropagation()
      }}
      onBlur={() => finish(value, false)}
    />
  )
}
