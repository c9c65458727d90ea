// In-page code for the sidebar suite. Every function here runs in the page (addInitScript or
// page.evaluate), so none may reference anything outside itself.
import type { PageElement, PageWindow } from '../page-globals.ts'
import type { LongEntry, ProbeControls } from '../page-probes.ts'

/** When the sidebar's first rows were in the DOM and painted; page epoch milliseconds. */
export type FirstPaint = {
  origin: number
  shownAt: number | null
  paintedAt: number | null
  /** Navigation start → the document was parsed and the renderer's scripts began to run. */
  domInteractiveMs: number | null
  /** `li` elements in the Sessions navigation in the painted frame (group headings included). */
  items: number
  /** Of those, session rows. */
  sessionRows: number
}

/** A probe for the frame where a condition first held, shared by the two paint measurements. */
type Watched = Omit<PageWindow, 'MutationObserver'> & {
  __logaiSidebar?: FirstPaint
  __logaiOpened?: { shownAt: number | null; paintedAt: number | null }
  MutationObserver: new (callback: () => void) => {
    observe(target: PageElement, options: Record<string, boolean>): void
    disconnect(): void
  }
}

/**
 * Init script for the reload: stamps the first frame in which the Sessions navigation holds
 * session rows. The rows come in with a socket message, outside any animation frame, so the
 * frame that paints them is the next one; its end is when a task posted from its animation
 * callbacks runs (as the chat probes do it).
 */
export function installFirstPaintProbe(): void {
  const page = globalThis as unknown as Watched
  const clock = () => performance.timeOrigin + performance.now()
  const state: FirstPaint = {
    origin: performance.timeOrigin,
    shownAt: null,
    paintedAt: null,
    domInteractiveMs: null,
    items: 0,
    sessionRows: 0,
  }
  page.__logaiSidebar = state
  const afterPaint = (callback: () => void) => {
    if (page.scheduler) void page.scheduler.postTask(callback, { priority: 'user-blocking' })
    else {
      const channel = new page.MessageChannel()
      channel.port1.onmessage = callback
      channel.port2.postMessage(0)
    }
  }
  const observer = new page.MutationObserver(() => {
    const nav = page.document.querySelector('nav[aria-label="Sessions"]')
    if (!nav || nav.querySelectorAll('li.session-row').length === 0) return
    observer.disconnect()
    state.shownAt = clock()
    page.requestAnimationFrame(() =>
      afterPaint(() => {
        state.paintedAt = clock()
        // Node's types (this file's) know no navigation entries; the page's performance does.
        const timing = performance as unknown as {
          getEntriesByType(type: 'navigation'): { domInteractive: number }[]
        }
        state.domInteractiveMs = timing.getEntriesByType('navigation')[0]?.domInteractive ?? null
        state.items = nav.querySelectorAll('li').length
        state.sessionRows = nav.querySelectorAll('li.session-row').length
      }),
    )
  })
  observer.observe(page.document, { childList: true, subtree: true })
}

/**
 * The page as it is drawn, as static HTML: the same markup and stylesheets, no scripts. Opened
 * like the app, it shows what a new renderer process costs before any of LogAI's code runs.
 * The policy forbids style attributes, so the virtual list's row positions are dropped: the
 * copy lays out a little less than the app, which keeps it a floor.
 */
export function staticCopyOfPage(): string {
  const page = globalThis as unknown as PageWindow
  const copy = page.document.documentElement.cloneNode(true)
  for (const element of Array.from(copy.querySelectorAll('script, link[rel="modulepreload"]'))) {
    element.remove()
  }
  for (const element of Array.from(copy.querySelectorAll('[style]'))) {
    element.removeAttribute('style')
  }
  return `<!doctype html>\n${copy.outerHTML}`
}

export function readFirstPaint(): FirstPaint | null {
  const state = (globalThis as unknown as Watched).__logaiSidebar
  return state?.paintedAt ? state : null
}

/** Before the click: stamps the frame where the conversation's last article ends with `marker`. */
export function watchOpened(marker: string): void {
  const page = globalThis as unknown as Watched
  const clock = () => performance.timeOrigin + performance.now()
  const state = { shownAt: null as number | null, paintedAt: null as number | null }
  page.__logaiOpened = state
  const check = () => {
    const articles = page.document.querySelectorAll('section[aria-label="Conversation"] article')
    const last = articles[articles.length - 1]
    if (!last?.textContent?.includes(marker)) return
    observer.disconnect()
    state.shownAt = clock()
    page.requestAnimationFrame(() => {
      const done = () => (state.paintedAt = clock())
      if (page.scheduler) void page.scheduler.postTask(done, { priority: 'user-blocking' })
      else {
        const channel = new page.MessageChannel()
        channel.port1.onmessage = done
        channel.port2.postMessage(0)
      }
    })
  }
  const observer = new page.MutationObserver(check)
  observer.observe(page.document, { childList: true, subtree: true, characterData: true })
}

export function readOpened(): { shownAt: number; paintedAt: number } | null {
  const state = (globalThis as unknown as Watched).__logaiOpened
  return state?.shownAt && state.paintedAt
    ? { shownAt: state.shownAt, paintedAt: state.paintedAt }
    : null
}

export type ScrollRun = {
  start: number
  end: number
  steps: number
  scrollHeight: number
  clientHeight: number
  maxItems: number
  minSessionRows: number
  /** Steps after whose frame no session row covered the middle of the view. */
  blankSteps: number
  /** At the bottom, and the last row there was the list's last session (`aria-posinset`). */
  reachedEnd: boolean
  /** The last session row's `aria-posinset` at the end, and the list's `aria-setsize`. */
  lastPosition: number
  setSize: number
  /** Frames spent at the bottom waiting for later sessions to come in. */
  waitFrames: number
  longTasks: LongEntry[]
  longFrames: LongEntry[]
}

/**
 * Scrolls the sessions list from top to bottom one screen a frame (`scrollTop += clientHeight`,
 * then the next animation frame), counting `li` elements after each frame, and returns the long
 * tasks and frames that started meanwhile. The list may still be loading its later pages: at the
 * bottom it waits (up to 5 s) until the last row is the last session (`aria-posinset` equal to
 * `aria-setsize`), scrolling on as rows arrive, so a list that stops early is not counted done.
 */
export async function scrollSessions(): Promise<ScrollRun> {
  const page = globalThis as unknown as PageWindow & { __logaiBench: ProbeControls }
  const probes = page.__logaiBench
  const nav = page.document.querySelector('nav[aria-label="Sessions"]')
  const scroller = nav?.querySelector('.session-scroller')
  if (!nav || !scroller) throw new Error('no sessions list (.session-scroller) in the sidebar')
  const clock = () => performance.timeOrigin + performance.now()
  scroller.scrollTop = 0
  await probes.nextFrame()
  await probes.nextFrame()
  const start = clock()
  let steps = 0
  let maxItems = nav.querySelectorAll('li').length
  let minSessionRows = Infinity
  let blankSteps = 0
  const bottom = () => scroller.scrollHeight - scroller.clientHeight - 1
  const lastRow = () => {
    const rows = nav.querySelectorAll('li.session-row')
    let position = 0
    let setSize = 0
    for (let i = 0; i < rows.length; i++) {
      position = Math.max(position, Number(rows[i]?.getAttribute('aria-posinset') ?? 0))
      setSize = Math.max(setSize, Number(rows[i]?.getAttribute('aria-setsize') ?? 0))
    }
    return { position, setSize }
  }
  const isLastSessionShown = () => {
    const last = lastRow()
    return last.position > 0 && last.position === last.setSize
  }
  let waitFrames = 0
  let waitingSince: number | null = null
  while (steps < 20_000) {
    if (scroller.scrollTop >= bottom()) {
      waitingSince ??= clock()
      if (isLastSessionShown() || clock() - waitingSince > 5_000) break
      waitFrames++
      await probes.nextFrame()
      continue
    }
    waitingSince = null
    scroller.scrollTop += scroller.clientHeight
    await probes.nextFrame()
    steps++
    maxItems = Math.max(maxItems, nav.querySelectorAll('li').length)
    const rows = nav.querySelectorAll('li.session-row')
    minSessionRows = Math.min(minSessionRows, rows.length)
    // Rows are absolutely placed by `top`; one must cover the middle of the view.
    const middle = scroller.scrollTop + scroller.clientHeight / 2
    let covered = false
    for (let i = 0; i < rows.length && !covered; i++) {
      const row = rows[i] as PageElement & { offsetTop: number; offsetHeight: number }
      covered = row.offsetTop <= middle + 40 && row.offsetTop + row.offsetHeight >= middle - 40
    }
    if (!covered) blankSteps++
  }
  await probes.nextFrame()
  await probes.nextFrame()
  const end = clock()
  // Entries arrive after their task or frame ends; give the observers a moment.
  await new Promise((resolve) => setTimeout(resolve, 200))
  const snapshot = probes.snapshot()
  const last = lastRow()
  const within = (entry: LongEntry) => entry.start >= start && entry.start <= end
  return {
    start,
    end,
    steps,
    scrollHeight: scroller.scrollHeight,
    clientHeight: scroller.clientHeight,
    maxItems,
    minSessionRows: Number.isFinite(minSessionRows) ? minSessionRows : 0,
    blankSteps,
    reachedEnd: scroller.scrollTop >= bottom() && isLastSessionShown(),
    lastPosition: last.position,
    setSize: last.setSize,
    waitFrames,
    longTasks: snapshot.longTasks.filter(within),
    longFrames: snapshot.longFrames.filter(within),
  }
}
