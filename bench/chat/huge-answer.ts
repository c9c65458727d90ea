import { startBenchApp } from '../bench-app.ts'
import { defineBenchmark } from '../benchmark.ts'
import { startNewChat } from '../chat-ui.ts'
import type { Update } from '../page-probes.ts'
import { progress } from '../progress.ts'
import { median, medianOf, round } from '../stats.ts'
import { chunkDelayFor, streamAnswer } from '../stream-answer.ts'
import { buildTokenAnswer } from '../token-answer.ts'
import {
  achievedRate,
  lagAtEnd,
  longEntriesBetween,
  longest,
  longestStart,
  streamSeconds,
} from '../token-timings.ts'

const eventsPerSecond = 200
// 1,000,000 characters at 200 events/s: 250 characters an event streams it in about 20 s.
const chunkSize = 250
// Updates per size window: those whose answer length is nearest the size (on a log scale).
const updatesPerWindow = 10

/** The per-update cost around one answer size; medians over the window's updates. */
type SizeWindow = {
  targetChars: number
  /** Answer lengths the window's updates had, smallest and largest. */
  chars: [number, number]
  scriptMs: number | null
  frameMs: number | null
}

type HugeRun = {
  longTasks: number
  longestTaskMs: number | null
  longFrames: number
  longestFrameMs: number | null
  /** Seconds after the first chunk was sent that the longest frame started (< 0: before). */
  longestFrameAtS: number | null
  windows: SizeWindow[]
  /** Largest window median over the smallest, for `scriptMs`. */
  growth: number | null
  updates: number
  streamSeconds: number | null
  eventsPerSecond: number | null
  lagAtEndMs: number | null
}

function sizeWindow(updates: Update[], targetChars: number): SizeWindow {
  const distance = (update: Update) => Math.abs(Math.log((update.token * chunkSize) / targetChars))
  const nearest = [...updates].sort((a, b) => distance(a) - distance(b)).slice(0, updatesPerWindow)
  const chars = nearest.map((update) => update.token * chunkSize)
  const frames = nearest.map((update) => update.frameMs).filter((ms): ms is number => ms !== null)
  return {
    targetChars,
    chars: [Math.min(...chars), Math.max(...chars)],
    scriptMs: round(median(nearest.map((update) => update.scriptMs)), 2),
    frameMs: round(median(frames), 2),
  }
}

/** The largest cost over the smallest; null when one is missing. */
function growth(costs: (number | null)[]): number | null {
  const known = costs.filter((ms): ms is number => ms !== null)
  if (known.length === 0 || known.length < costs.length || Math.min(...known) <= 0) return null
  return round(Math.max(...known) / Math.min(...known), 2)
}

const sizeLabel = (chars: number) =>
  chars >= 1_000_000 ? `${chars / 1_000_000} MB` : `${chars / 1_000} KB`

/** Issue 4, benchmark 3: one enormous answer, streamed fast. */
export const chatHugeAnswer = defineBenchmark<HugeRun>({
  name: 'chat-huge-answer',
  goal:
    'one 1,000,000-character answer streamed at 200 events/s: no long task ≥ 50 ms, and ' +
    'markdown work per update flat (within 2×) between 1 KB, 100 KB and 1 MB of answer',
  async run(config) {
    const answerChars = config.quick ? 250_000 : 1_000_000
    const answer = buildTokenAnswer({
      tokens: answerChars / chunkSize,
      chunkSize,
      shape: 'markdown',
    })
    const app = await startBenchApp({
      chromiumPath: config.chromiumPath,
      scenario: { chunkDelayMs: chunkDelayFor(eventsPerSecond) },
    })
    try {
      // A first, short answer compiles the renderer's hot paths, so the 1 KB window measures
      // the work of an update rather than the JIT's.
      const warmUp = buildTokenAnswer({ tokens: 100, chunkSize, shape: 'markdown' })
      await streamAnswer(app, warmUp, { prompt: 'Benchmark: warm-up' })
      await startNewChat(app.page)

      progress(`chat-huge-answer: streaming ${answerChars} characters at ${eventsPerSecond}/s`)
      const streamed = await streamAnswer(app, answer, {
        prompt: 'Benchmark: huge answer',
        recordUpdates: true,
      })
      const { timings, probes, offset, settledAt } = streamed
      const firstSent = timings[0]?.sentAt ?? streamed.sentAt
      const tasks = longEntriesBetween(probes.longTasks, offset, streamed.sentAt, settledAt)
      const frames = longEntriesBetween(probes.longFrames, offset, streamed.sentAt, settledAt)
      const windows = [1_000, 100_000, answerChars].map((chars) =>
        sizeWindow(probes.updates, chars),
      )
      return {
        longTasks: tasks.length,
        longestTaskMs: round(longest(tasks)),
        longFrames: frames.length,
        longestFrameMs: round(longest(frames)),
        longestFrameAtS: round(longestStart(frames, firstSent), 2),
        windows,
        growth: growth(windows.map((window) => window.scriptMs)),
        updates: probes.updates.length,
        streamSeconds: round(streamSeconds(timings)),
        eventsPerSecond: round(achievedRate(timings)),
        lagAtEndMs: round(lagAtEnd(timings)),
      }
    } finally {
      await app.close()
    }
  },
  summarize(runs) {
    const longTasks = medianOf(runs, (run) => run.longTasks)
    const targets = runs[0]?.windows.map((window) => window.targetChars) ?? []
    const perUpdate = targets.map((targetChars, index) => ({
      answer: sizeLabel(targetChars),
      chars: [
        Math.min(...runs.map((run) => run.windows[index]?.chars[0] ?? Infinity)),
        Math.max(...runs.map((run) => run.windows[index]?.chars[1] ?? -Infinity)),
      ],
      scriptMs: medianOf(runs, (run) => run.windows[index]?.scriptMs ?? null),
      frameMs: medianOf(runs, (run) => run.windows[index]?.frameMs ?? null),
    }))
    const ratio = growth(perUpdate.map((window) => window.scriptMs))
    return {
      figures: {
        longTasks,
        longestTaskMs: medianOf(runs, (run) => run.longestTaskMs),
        longFrames: medianOf(runs, (run) => run.longFrames),
        longestFrameMs: medianOf(runs, (run) => run.longestFrameMs),
        perUpdate,
        perUpdateGrowth: ratio,
        updates: medianOf(runs, (run) => run.updates),
        streamSeconds: medianOf(runs, (run) => run.streamSeconds),
        eventsPerSecond: medianOf(runs, (run) => run.eventsPerSecond),
        lagAtEndMs: medianOf(runs, (run) => run.lagAtEndMs),
        perRun: runs,
      },
      met: longTasks === 0 && ratio !== null && ratio <= 2,
    }
  },
})
