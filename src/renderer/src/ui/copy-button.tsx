import { useEffect, useState } from 'react'
import { copyOrSelect, copyStatusMs } from './clipboard.ts'

type CopyButtonProps = {
  /** The text put on the clipboard, read when the button is pressed. */
  text: () => string
  /** The button's accessible name, e.g. "Copy message". */
  label: string
  /** What shows the text on screen: selected when the clipboard refuses, to copy by hand. */
  shownIn?: () => Element | null
  className?: string
}

type Outcome = { copied: boolean; message: string }

/**
 * Copies text and says so for two seconds. A refused clipboard is never silent: the text is
 * selected where it shows (when `shownIn` says where) and the keys to press are shown.
 */
export function CopyButton({
  text,
  label,
  shownIn,
  className = 'button button-small',
}: CopyButtonProps) {
  const [outcome, setOutcome] = useState<Outcome | null>(null)

  useEffect(() => {
    if (!outcome) return
    const timer = setTimeout(() => setOutcome(null), copyStatusMs)
    return () => clearTimeout(timer)
  }, [outcome])

  const copy = async () => setOutcome(await copyOrSelect(text(), shownIn?.() ?? null))

  return (
    <>
      <button type="button" className={className} aria-label={label} onClick={() => void copy()}>
        {outcome?.copied ? 'Copied' : 'Copy'}
      </button>
      {/* "Copied" is on the button already; a failure is said where everyone sees it. */}
      <span className={outcome && !outcome.copied ? 'hint' : 'visually-hidden'} role="status">
        {outcome?.message ?? ''}
      </span>
    </>
  )
}
