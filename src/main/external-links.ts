import { shell } from 'electron'

/** The one way LogAI opens a link: `https:` only, in the system browser. */
export function openExternalSafely(url: string): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (parsed.protocol !== 'https:') return false
  // Only https URLs reach this line, checked just above.
  void shell.openExternal(parsed.toString()) // eng-disable OPEN_EXTERNAL_JS_CHECK
  return true
}
