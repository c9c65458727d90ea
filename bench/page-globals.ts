// The few browser APIs the in-page code uses. The node tsconfig has no DOM library, on purpose
// (core must not see DOM globals), so code that runs in the page reaches them through
// `globalThis as unknown as PageWindow`: a narrow, checked view instead of `lib: dom` for all.

export type PageText = { readonly data: string }

export type PageElement = {
  readonly textContent: string | null
  scrollTop: number
  readonly scrollHeight: number
  readonly clientHeight: number
  getAttribute(name: string): string | null
  closest(selector: string): PageElement | null
  querySelector(selector: string): PageElement | null
  querySelectorAll(selector: string): ArrayLike<PageElement>
  readonly outerHTML: string
  cloneNode(deep: true): PageElement
  remove(): void
  removeAttribute(name: string): void
}

export type PageDocument = PageElement & {
  readonly documentElement: PageElement
  /** `whatToShow` 4 is NodeFilter.SHOW_TEXT. */
  createTreeWalker(
    root: PageElement,
    whatToShow: 4,
  ): { lastChild(): PageText | null; previousNode(): PageText | null }
  getElementsByTagName(name: '*'): { readonly length: number }
}

export type PageEvent = { readonly target: unknown; readonly timeStamp: number }

export type PageWebSocket = {
  addEventListener(type: 'message', listener: (event: PageEvent & { data: unknown }) => void): void
}

export type PageEntry = { startTime: number; duration: number; blockingDuration?: number }

export type PageWindow = {
  document: PageDocument
  requestAnimationFrame(callback: (time: number) => void): number
  addEventListener(type: 'click', listener: (event: PageEvent) => void, capture: boolean): void
  WebSocket: new (url: string | URL, protocols?: string | string[]) => PageWebSocket
  MutationObserver: new (callback: () => void) => {
    observe(target: PageDocument, options: Record<string, boolean>): void
  }
  MessageChannel: new () => {
    port1: { onmessage: (() => void) | null }
    port2: { postMessage(message: unknown): void }
  }
  /** Prioritized Task Scheduling (Chromium 94+). */
  scheduler?: {
    postTask(callback: () => void, options: { priority: 'user-blocking' }): Promise<unknown>
  }
  PerformanceObserver: new (callback: (list: { getEntries(): PageEntry[] }) => void) => {
    observe(options: { type: string; buffered: boolean }): void
  }
}
