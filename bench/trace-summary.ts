// `node bench/trace-summary.ts <trace.json> [--min-ms 50]`: the long tasks of the page's main
// thread in a trace that `BENCH_TRACE` recorded, each with its wall time, the CPU time the thread
// actually got, and where the time went. A task that is long on the wall clock but short in CPU
// time waited for a core (the machine was busy); one long in CPU time is the app's to fix.
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { pageMainThread, type TraceEvent } from './chrome-trace.ts'

type TaskSummary = {
  atS: number
  wallMs: number
  cpuMs: number
  /** The largest kinds of work inside the task, in ms of CPU time. */
  work: Record<string, number>
  /** What started it: an event's type, or a function's name and place. */
  cause: string
}

// Entries into JavaScript. Work they force (a layout read in a handler) nests inside them, so it
// is counted both in `script` and under its own name.
const scriptEntries = new Set([
  'EventDispatch',
  'FireAnimationFrame',
  'FunctionCall',
  'RunMicrotasks',
  'TimerFire',
])
const causes = ['EventDispatch', 'FireAnimationFrame', 'TimerFire', 'FunctionCall']

const ms = (microseconds: number | undefined) => Math.round((microseconds ?? 0) / 100) / 10

function describeCause(event: TraceEvent | undefined): string {
  if (!event) return 'script run by the test driver (no page event)'
  const data = event.args?.data ?? {}
  if (event.name === 'EventDispatch') return `event ${String(data['type'])}`
  if (event.name === 'FunctionCall') {
    const url = String(data['url'] ?? '')
      .split('/')
      .pop()
    return `function ${String(data['functionName'] || '(anonymous)')} ${url}:${String(data['lineNumber'])}`
  }
  return event.name
}

export function summarizeTrace(events: TraceEvent[], minMs: number): TaskSummary[] {
  const onMain = pageMainThread(events, 'RunTask')
  const slices = events.filter((e) => e.ph === 'X' && e.dur !== undefined && onMain(e))
  if (slices.length === 0) return []
  const origin = Math.min(...slices.map((e) => e.ts))
  return slices
    .filter((e) => e.name === 'RunTask' && (e.dur ?? 0) >= minMs * 1000)
    .map((task) => {
      const end = task.ts + (task.dur ?? 0)
      const inside = slices.filter((e) => e !== task && e.ts >= task.ts && e.ts <= end)
      const work = new Map<string, number>()
      for (const e of inside) {
        if (scriptEntries.has(e.name)) continue
        work.set(e.name, (work.get(e.name) ?? 0) + (e.tdur ?? e.dur ?? 0))
      }
      // Script: the outermost calls into JavaScript, with whatever they forced (layout, parsing).
      const calls = inside.filter((e) => scriptEntries.has(e.name))
      const outermost = calls.filter(
        (e) =>
          !calls.some((o) => o !== e && o.ts <= e.ts && o.ts + (o.dur ?? 0) >= e.ts + (e.dur ?? 0)),
      )
      const script = outermost.reduce((sum, e) => sum + (e.tdur ?? e.dur ?? 0), 0)
      if (script > 0) work.set('script', script)
      const top = [...work].sort((a, b) => b[1] - a[1]).slice(0, 6)
      return {
        atS: Math.round((task.ts - origin) / 10_000) / 100,
        wallMs: ms(task.dur),
        cpuMs: ms(task.tdur ?? task.dur),
        work: Object.fromEntries(top.map(([name, time]) => [name, ms(time)])),
        cause: describeCause(inside.find((e) => causes.includes(e.name))),
      }
    })
}

if (import.meta.main) {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { 'min-ms': { type: 'string', default: '50' } },
  })
  const file = positionals[0]
  if (!file) {
    process.stderr.write('usage: node bench/trace-summary.ts <trace.json> [--min-ms 50]\n')
    process.exit(2)
  }
  const minMs = Number(values['min-ms'])
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as
    TraceEvent[] | { traceEvents: TraceEvent[] }
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents
  const tasks = summarizeTrace(events, minMs)
  const report = {
    tasksAtLeastMs: minMs,
    count: tasks.length,
    countByCpuTime: tasks.filter((task) => task.cpuMs >= minMs).length,
    longestCpuMs: Math.max(0, ...tasks.map((task) => task.cpuMs)),
    tasks,
  }
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
}
