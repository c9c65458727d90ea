import { useEffect, useState, type RefObject } from 'react'

type CopyState = 'idle' | 'copied' | 'manual'

type CopyCodeButtonProps = {
  code: string
  /** The element showing the code, selected when the clipboard is out of reach. */
  codeRef: RefObject<HTMLElement | null>
}

const isMac = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform)

function selectContents(element: HTMLElement | null) {
  const selection = window.getSelection()
  if (!element || !selection) return
  selection.selectAllChildren(element)
}

/** Copies the device code; when the clipboard refuses, selects it and says which keys to press. */
export function CopyCodeButton({ code, codeRef }: CopyCodeButtonProps) {
  const [state, setState] = useState<CopyState>('idle')

  useEffect(() => {
    if (state !== 'copied') return
    const timer = setTimeout(() => setState('idle'), 2000)
    return () => clearTimeout(timer)
  }, [state])

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code)
      setState('copied')
    } catch {
      selectContents(codeRef.current)
      setState('manual')
    }
  }

  return (
    <div className="copy-code">
      <button type="button" className="button" onClick={() => void copy()}>
        {state === 'copied' ? 'Copied' : 'Copy code'}
      </button>
      {state === 'manual' ? (
        <p className="hint" role="status">
          {isMac ? 'Press Cmd+C to copy' : 'Press Ctrl+C to copy'}
        </p>
      ) : null}
    </div>
  )
}
