import { useCallback, useEffect, useState, type MouseEvent } from 'react'
import { copyOrSelect, copyStatusMs, writeToClipboard, type WriteText } from '../clipboard.ts'
import { codeClasses } from './code-blocks.ts'

/** The code as the person sees it: the text of the `<code>`, not its highlighted HTML. */
function codeText(code: Element): string {
  // markdown-it ends fenced code with the newline before the closing fence, which is not code.
  return (code.textContent ?? '').replace(/\n$/, '')
}

/**
 * One click handler for every code block's Copy button in a view: rendered markdown is HTML
 * text, and one delegated handler costs less than a React tree per block. The button is a real
 * `<button>`, so Enter and Space press it too. "Copied" shows in the block's status for 2 s; when
 * the clipboard refuses, the code is selected and the status says which keys to press.
 */
export function useCodeCopy(writeText: WriteText = writeToClipboard) {
  const [timers] = useState(() => new Map<Element, ReturnType<typeof setTimeout>>())

  useEffect(
    () => () => {
      for (const timer of timers.values()) clearTimeout(timer)
      timers.clear()
    },
    [timers],
  )

  return useCallback(
    (event: MouseEvent<HTMLElement>) => {
      const target = event.target instanceof Element ? event.target : null
      const button = target?.closest(`button.${codeClasses.copy}`)
      const block = button?.closest(`.${codeClasses.block}`)
      const code = block?.querySelector('pre > code')
      const status = block?.querySelector(`.${codeClasses.status}`)
      if (!code || !status || !event.currentTarget.contains(block ?? null)) return

      const show = (message: string) => {
        status.textContent = message
        clearTimeout(timers.get(status))
        timers.set(
          status,
          setTimeout(() => {
            status.textContent = ''
            timers.delete(status)
          }, copyStatusMs),
        )
      }
      void copyOrSelect(codeText(code), code, writeText).then(({ message }) => show(message))
    },
    [timers, writeText],
  )
}
