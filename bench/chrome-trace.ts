// Reading the Chromium traces the benchmarks record (`renderer-tasks.ts`, `trace-summary.ts`).

/** The fields of a trace event the benchmarks read. */
export type TraceEvent = {
  name: string
  ph: string
  pid: number
  tid: number
  ts: number
  dur?: number
  /** Thread (CPU) time, where the category records it. */
  tdur?: number
  args?: { name?: string; data?: Record<string, unknown> }
}

const threadOf = (event: TraceEvent) => `${event.pid}:${event.tid}`

/**
 * Tells the page's main thread: of the renderer main threads in the trace (Chromium's own UI and
 * idle renderers have one too), the one whose `taskName` tasks took the most CPU time.
 */
export function pageMainThread(
  events: TraceEvent[],
  taskName: string,
): (event: TraceEvent) => boolean {
  const rendererMains = new Set(
    events
      .filter((event) => event.name === 'thread_name' && event.args?.name === 'CrRendererMain')
      .map(threadOf),
  )
  const cpuByThread = new Map<string, number>()
  for (const event of events) {
    if (event.name !== taskName || event.ph !== 'X' || !rendererMains.has(threadOf(event))) continue
    const thread = threadOf(event)
    cpuByThread.set(thread, (cpuByThread.get(thread) ?? 0) + (event.tdur ?? event.dur ?? 0))
  }
  const busiest = [...cpuByThread].sort((a, b) => b[1] - a[1])[0]?.[0]
  return (event) => busiest !== undefined && threadOf(event) === busiest
}
