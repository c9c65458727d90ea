import type { Page } from 'playwright-core'
import type { PageElement, PageEvent, PageWindow } from './page-globals.ts'

/** A task or animation frame of 50 ms or more; times in the page's epoch milliseconds. */
export type LongEntry = { start: number; duration: number; blockingDuration: number }

/**
 * One update of the streaming answer: an app `requestAnimationFrame` callback during which the
 * answer's newest token changed. `scriptMs` runs from the callback's start until every callback
 * and microtask of that frame's animation phase has run (store flush, React render and commit,
 * markdown, layout effects and any layout they force); `frameMs` until the frame's rendering
 * (style, layout, paint, commit) is done. The probes' own work is subtracted from both.
 */
export type Update = { start: number; scriptMs: number; frameMs: number | null; token: number }

/** A click on a button: when the input reached the page, and when its click handlers ran. */
export type Click = { label: string; inputAt: number; dispatchedAt: number }

/** Everything the probes saw; token-indexed arrays hold null for tokens not (yet) seen. */
export type ProbeSnapshot = {
  longTasks: LongEntry[]
  longFrames: LongEntry[]
  /** When the WebSocket frame carrying each token reached the page's JavaScript. */
  arrived: (number | null)[]
  /** When each token first entered the conversation's DOM. */
  shown: (number | null)[]
  /** When the rendering that first showed each token had been painted. */
  painted: (number | null)[]
  updates: Update[]
  clicks: Click[]
  /** The newest token shown in the conversation's last article. */
  maxShown: number
}

/**
 * Runs in the page before the app (`addInitScript`), so it must not reference anything outside
 * itself. Times are `performance.timeOrigin + performance.now()`: the page's monotonic clock
 * expressed as epoch milliseconds, comparable with the bench process's clock (page-clock.ts).
 *
 * "Painted" for a DOM change made during the animation phase of a frame is when a task posted
 * from that phase runs: after the same frame's style, layout, paint and commit to the compositor.
 * For a change made in any other task, it is the same point of the next frame.
 */
export function installPageProbes(): void {
  const page = globalThis as unknown as PageWindow
  const clock = () => performance.timeOrigin + performance.now()
  const tokenPattern = /q(\d{6})/g
  const nativeRaf = page.requestAnimationFrame.bind(page)

  let arrived: number[] = []
  let shown: number[] = []
  let painted: number[] = []
  let updates: Update[] = []
  const longTasks: LongEntry[] = []
  const longFrames: LongEntry[] = []
  let clicks: Click[] = []
  let maxShown = 0
  let recordUpdates = false

  const observe = (type: string, into: LongEntry[]) => {
    try {
      new page.PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          into.push({
            start: performance.timeOrigin + entry.startTime,
            duration: entry.duration,
            blockingDuration: entry.blockingDuration ?? Math.max(0, entry.duration - 50),
          })
        }
      }).observe({ type, buffered: true })
    } catch {
      // An engine without this entry type reports none; the JSON then shows zero of them.
    }
  }
  observe('longtask', longTasks)
  observe('long-animation-frame', longFrames)

  // A task posted during a rendering update runs after it: after paint and commit. Posted at
  // user-blocking priority where the browser has it, so ordinary tasks queued meanwhile (socket
  // messages) do not run first and make the paint look later than it was.
  const channel = new page.MessageChannel()
  const afterPaintQueue: ((at: number) => void)[] = []
  const runAfterPaint = () => {
    const at = clock()
    for (const callback of afterPaintQueue.splice(0)) callback(at)
  }
  channel.port1.onmessage = runAfterPaint
  const afterPaint = (callback: (at: number) => void) => {
    afterPaintQueue.push(callback)
    if (afterPaintQueue.length > 1) return
    if (page.scheduler) void page.scheduler.postTask(runAfterPaint, { priority: 'user-blocking' })
    else channel.port2.postMessage(0)
  }

  // The renderer's only transport is this WebSocket; a listener added in the constructor runs
  // before the app's own.
  page.WebSocket = class ProbedWebSocket extends page.WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols)
      this.addEventListener('message', (event) => {
        const at = clock()
        if (typeof event.data !== 'string' || !event.data.includes('"chat:delta"')) return
        for (const match of event.data.matchAll(tokenPattern)) {
          const token = Number(match[1])
          arrived[token] ??= at
        }
      })
    }
  }

  page.addEventListener(
    'click',
    (event: PageEvent) => {
      const button = (event.target as PageElement | null)?.closest?.('button')
      if (!button) return
      clicks.push({
        label: (button.getAttribute('aria-label') ?? button.textContent ?? '').trim(),
        inputAt: performance.timeOrigin + event.timeStamp,
        dispatchedAt: clock(),
      })
    },
    true,
  )

  // The animation phase of the current frame: opened by the first app callback, closed by a
  // follower registered with it (callbacks run in registration order, microtasks in between).
  let inFrame = false
  let frameStart = 0
  let frameProbeMs = 0
  let frameTokenBefore = 0

  const closeFrame = () => {
    if (!inFrame) return
    inFrame = false
    const end = performance.now()
    if (!recordUpdates || maxShown === frameTokenBefore) return
    const update: Update = {
      start: performance.timeOrigin + frameStart,
      scriptMs: end - frameStart - frameProbeMs,
      frameMs: null,
      token: maxShown,
    }
    const probeMs = frameProbeMs
    updates.push(update)
    afterPaint(() => (update.frameMs = performance.now() - frameStart - probeMs))
  }

  page.requestAnimationFrame = (callback) => {
    const id = nativeRaf((time) => {
      if (!inFrame) {
        inFrame = true
        frameStart = performance.now()
        frameProbeMs = 0
        frameTokenBefore = maxShown
      }
      callback(time)
    })
    nativeRaf(closeFrame)
    return id
  }

  const lastArticle = (): PageElement | null => {
    const conversation = page.document.querySelector('section[aria-label="Conversation"]')
    const articles = conversation?.querySelectorAll('article')
    return articles?.length ? (articles[articles.length - 1] ?? null) : null
  }

  // Walks the last article's text backwards from its end, only as far as text already seen: an
  // answer grows at its end, so the cost follows the new text, not the answer's length.
  const newestToken = (article: PageElement): number => {
    const walker = page.document.createTreeWalker(article, 4)
    let node = walker.lastChild()
    let newest = 0
    while (node) {
      let oldest = Infinity
      for (const match of node.data.matchAll(tokenPattern)) {
        const token = Number(match[1])
        if (token > newest) newest = token
        if (token < oldest) oldest = token
      }
      if (oldest <= maxShown) break
      node = walker.previousNode()
    }
    return newest
  }

  const onMutation = () => {
    const started = performance.now()
    const article = lastArticle()
    const newest = article ? newestToken(article) : 0
    if (newest > maxShown) {
      const from = maxShown + 1
      maxShown = newest
      const at = clock()
      for (let token = from; token <= newest; token++) shown[token] ??= at
      const stamp = (at: number) => {
        for (let token = from; token <= newest; token++) painted[token] ??= at
      }
      if (inFrame) afterPaint(stamp)
      else nativeRaf(() => afterPaint(stamp))
    }
    if (inFrame) frameProbeMs += performance.now() - started
  }
  new page.MutationObserver(onMutation).observe(page.document, {
    childList: true,
    subtree: true,
    characterData: true,
  })

  const dense = (values: number[]) => Array.from(values, (value) => value ?? null)

  Object.assign(page, {
    __logaiBench: {
      /** Forgets the tokens, updates and clicks of the previous answer. */
      resetStream() {
        clicks = []
        arrived = []
        shown = []
        painted = []
        updates = []
        maxShown = 0
      },
      setRecordUpdates(on: boolean) {
        recordUpdates = on
      },
      nextFrame: () => new Promise<void>((resolve) => nativeRaf(() => resolve())),
      newestShown: () => maxShown,
      snapshot: (): ProbeSnapshot => ({
        longTasks,
        longFrames,
        arrived: dense(arrived),
        shown: dense(shown),
        painted: dense(painted),
        updates,
        clicks,
        maxShown,
      }),
    },
  })
}

/** The probes' controls as seen from page.evaluate callbacks. */
export type ProbeControls = {
  resetStream(): void
  setRecordUpdates(on: boolean): void
  nextFrame(): Promise<void>
  newestShown(): number
  snapshot(): ProbeSnapshot
}

/** Reads the probes' state; large answers make this a few hundred kilobytes of JSON. */
export function readProbes(page: Page): Promise<ProbeSnapshot> {
  return page.evaluate(() =>
    (globalThis as unknown as { __logaiBench: ProbeControls }).__logaiBench.snapshot(),
  )
}

export async function resetStreamProbes(page: Page, options: { recordUpdates: boolean }) {
  await page.evaluate((recordUpdates) => {
    const probes = (globalThis as unknown as { __logaiBench: ProbeControls }).__logaiBench
    probes.resetStream()
    probes.setRecordUpdates(recordUpdates)
  }, options.recordUpdates)
}

/** The newest token on screen, polled cheaply while an answer streams. */
export function shownToken(page: Page): Promise<number> {
  return page.evaluate(() =>
    (globalThis as unknown as { __logaiBench: ProbeControls }).__logaiBench.newestShown(),
  )
}
