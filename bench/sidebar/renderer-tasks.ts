import type { CDPSession } from 'playwright-core'
import { pageMainThread, type TraceEvent } from '../chrome-trace.ts'

/** One task of the page's main thread: how long it took, and how much of that it had the CPU. */
export type RendererTask = { wallMs: number; cpuMs: number }

/**
 * Runs `during` under a Chromium trace of top-level tasks and returns every task of the page's
 * renderer main thread with its wall and thread (CPU) time. A long task whose CPU time is far
 * below its wall time was mostly waiting for a core (other processes of a shared machine), not
 * working. The `toplevel` category records one event per task, so the trace costs little.
 */
export async function traceRendererTasks<T>(
  cdp: CDPSession,
  during: () => Promise<T>,
): Promise<{ result: T; tasks: RendererTask[] }> {
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: ['toplevel'], recordMode: 'recordAsMuchAsPossible' },
    transferMode: 'ReturnAsStream',
  })
  const stop = async () => {
    const complete = new Promise<string | undefined>((resolve) =>
      cdp.once('Tracing.tracingComplete', (event) => resolve(event.stream)),
    )
    await cdp.send('Tracing.end')
    return complete
  }
  let result: T
  try {
    result = await during()
  } catch (error) {
    await stop().catch(() => undefined)
    throw error
  }
  const stream = await stop()
  if (!stream) throw new Error('Chromium returned no trace')
  let text = ''
  for (;;) {
    const chunk = await cdp.send('IO.read', { handle: stream, size: 1 << 20 })
    text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString() : chunk.data
    if (chunk.eof) break
  }
  await cdp.send('IO.close', { handle: stream })
  return { result, tasks: mainThreadTasks(JSON.parse(text) as { traceEvents: TraceEvent[] }) }
}

const taskName = 'ThreadControllerImpl::RunTask'

/** The tasks of the page's main thread. */
function mainThreadTasks(trace: { traceEvents: TraceEvent[] }): RendererTask[] {
  const onMain = pageMainThread(trace.traceEvents, taskName)
  return trace.traceEvents
    .filter((event) => event.name === taskName && event.ph === 'X' && onMain(event))
    .map((event) => ({ wallMs: (event.dur ?? 0) / 1000, cpuMs: (event.tdur ?? 0) / 1000 }))
}
