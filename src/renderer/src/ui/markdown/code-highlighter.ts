/** Highlights code in a named language; undefined for a language it does not know. */
export type HighlightCode = (code: string, language: string) => string | undefined

/** What a highlighter has for one piece of code right now. */
export type HighlightResult =
  | { kind: 'highlighted'; html: string }
  /** Unknown language, code too long to highlight without a long task, or the loading failed. */
  | { kind: 'plain' }
  /** Still loading, or this frame's time for highlighting is spent: ask again when called back. */
  | { kind: 'pending' }

/** Syntax highlighting that arrives late and spreads its work over frames. */
export type CodeHighlighter = {
  highlight(code: string, language: string): HighlightResult
  /** Calls back when a pending result may be ready; returns the way to stop. */
  subscribe(listener: () => void): () => void
  /** Changes every time subscribers are called back. */
  version(): number
  /** Starts loading now, before any code needs it; resolves once loading has settled. */
  preload(): Promise<void>
}

export type CodeHighlighterOptions = {
  load: () => Promise<HighlightCode>
  now?: () => number
  scheduleFrame?: (callback: () => void) => void
  /** Milliseconds of highlighting allowed in one frame; the rest waits for the next one. */
  budgetMs?: number
  /**
   * Longer code stays plain: highlight.js takes about 2 ms per thousand characters here, and one
   * call cannot be split, so this keeps a single fence well under a 50 ms long task.
   */
  maxLength?: number
  cacheSize?: number
}

type LoadState =
  | { kind: 'idle' }
  | { kind: 'loading'; settled: Promise<void> }
  | { kind: 'ready'; highlight: HighlightCode }
  | { kind: 'failed' }

const frameMs = 16
const plain: HighlightResult = { kind: 'plain' }
const pending: HighlightResult = { kind: 'pending' }

function nextFrame(callback: () => void): void {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => callback())
  else setTimeout(callback, frameMs)
}

export function createCodeHighlighter({
  load,
  now = () => performance.now(),
  scheduleFrame = nextFrame,
  budgetMs = 8,
  maxLength = 10_000,
  cacheSize = 300,
}: CodeHighlighterOptions): CodeHighlighter {
  let state: LoadState = { kind: 'idle' }
  let version = 0
  const listeners = new Set<() => void>()
  // The open block of a streaming answer is rendered again every frame with the same closed
  // fences in it: remember what they became.
  const cache = new Map<string, string | undefined>()
  // Milliseconds spent since the last animation frame: the budget is per frame, not per 16 ms
  // of wall time, so one long task (a conversation opening) gets one share, not one per 16 ms.
  let spent = 0
  let resetScheduled = false
  let wakeScheduled = false

  const notify = () => {
    version++
    for (const listener of [...listeners]) listener()
  }

  const wakeNextFrame = () => {
    if (wakeScheduled) return
    wakeScheduled = true
    scheduleFrame(() => {
      wakeScheduled = false
      notify()
    })
  }

  const startLoading = () => {
    const settled = load().then(
      (highlight) => {
        state = { kind: 'ready', highlight }
        notify()
      },
      () => {
        state = { kind: 'failed' }
        notify()
      },
    )
    state = { kind: 'loading', settled }
    return settled
  }

  const remember = (key: string, html: string | undefined) => {
    cache.set(key, html)
    if (cache.size > cacheSize) cache.delete(cache.keys().next().value as string)
  }

  return {
    highlight(code, language) {
      if (code.length > maxLength) return plain
      const key = `${language}\u0000${code}`
      if (cache.has(key)) {
        const html = cache.get(key)
        return html === undefined ? plain : { kind: 'highlighted', html }
      }
      switch (state.kind) {
        case 'idle':
          void startLoading()
          return pending
        case 'loading':
          return pending
        case 'failed':
          return plain
        case 'ready': {
          if (spent >= budgetMs) {
            wakeNextFrame()
            return pending
          }
          if (!resetScheduled) {
            resetScheduled = true
            scheduleFrame(() => {
              resetScheduled = false
              spent = 0
            })
          }
          const start = now()
          const html = state.highlight(code, language.toLowerCase())
          spent += now() - start
          remember(key, html)
          return html === undefined ? plain : { kind: 'highlighted', html }
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    version: () => version,
    preload() {
      if (state.kind === 'idle') return startLoading()
      return state.kind === 'loading' ? state.settled : Promise.resolve()
    },
  }
}

/** The app's highlighter: highlight.js and its languages load on first use, as a separate chunk. */
export const defaultCodeHighlighter = createCodeHighlighter({
  load: () => import('./highlight-code.ts').then((module) => module.highlightCode),
})
