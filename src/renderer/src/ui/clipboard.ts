// Copying, the same way everywhere (messages, code blocks, the sign-in code, API keys): the
// clipboard when it is allowed, else the text is selected and the person is told the keys.

/** Puts text on the clipboard; rejects when the clipboard is out of reach. */
export type WriteText = (text: string) => Promise<void>

export const writeToClipboard: WriteText = (text) => navigator.clipboard.writeText(text)

/** How long "Copied" (or the hint) stays, in ms. */
export const copyStatusMs = 2000

const isMac = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform)

/** What to press once the text is selected. */
export const copyByHandHint = isMac ? 'Press Cmd+C to copy' : 'Press Ctrl+C to copy'

/**
 * Copies `text`; when the clipboard refuses, selects what `fallback` shows so the keys copy it.
 * Resolves to what to tell the person: "Copied", the keys to press, or that nothing was copied.
 */
export async function copyOrSelect(
  text: string,
  fallback: Element | null,
  writeText: WriteText = writeToClipboard,
): Promise<{ copied: boolean; message: string }> {
  try {
    await writeText(text)
    return { copied: true, message: 'Copied' }
  } catch {
    const selection = window.getSelection()
    if (!fallback || !selection) {
      return { copied: false, message: 'The clipboard is not available' }
    }
    selection.selectAllChildren(fallback)
    return { copied: false, message: copyByHandHint }
  }
}
