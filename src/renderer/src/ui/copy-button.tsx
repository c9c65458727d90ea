import { useEffect, useState } from 'react'

type CopyButtonProps = {
  /** The text put on the clipboard, read when the button is pressed. */
  text: () => string
  /** The button's accessible name, e.g. "Copy message". */
  label: string
  className?: string
}

/** Copies text and says so for two seconds; a refused clipboard is said too, never silent. */
export function CopyButton({ text, label, className = 'button button-small' }: CopyButtonProps) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle')

  useEffect(() => {
    if (state === 'idle') return
    const timer = setTimeout(() => setState('idle'), 2000)
    return () => clearTimeout(timer)
  }, [state])

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text())
      setState('copied')
    } catch {
      setState('failed')
    }
  }

  return (
    <>
      <button type="button" className={className} aria-label={label} onClick={() => void copy()}>
        {state === 'copied' ? 'Copied' : 'Copy'}
      </button>
      <span className="visually-hidden" role="status">
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'The clipboard is not available' : ''}
      </span>
    </>
  )
}
