import { startBenchApp } from '../bench-app.ts'
import { defineBenchmark } from '../benchmark.ts'
import { openSeededConversation, promptableConversation, seedShape } from '../long-conversation.ts'
import { progress } from '../progress.ts'
import { distribution, medianOf, round } from '../stats.ts'
import { chunkDelayFor, streamAnswer } from '../stream-answer.ts'
import { buildTokenAnswer } from '../token-answer.ts'
import {
  achievedRate,
  lagAtEnd,
  longEntriesBetween,
  longest,
  longestStart,
  spans,
  streamSeconds,
} from '../token-timings.ts'

const eventsPerSecond = 200
const chunkSize = 20

type SustainedRun = {
  /** Long tasks (≥ 50 ms) from one second after the first chunk until the answer settled. */
  longTasks: number
  longestTaskMs: number | null
  /** Long animation frames (≥ 50 ms) over the same window. */
  longFrames: number
  longestFrameMs: number | null
  /** Seconds after the first chunk was sent that the longest frame started (< 0: before). */
  longestFrameAtS: number | null
  /** How far the screen was behind the upstream when the last chunk was painted. */
  lagAtEndMs: number | null
  /** The same for every chunk sent in the stream's last second. */
  lagLastSecondMs: ReturnType<typeof distribution>
  lagMaxMs: number | null
  openMs: number
  streamSeconds: number | null
  eventsPerSecond: number | null
}

/** Issue 4, benchmark 2: a fast stream into a conversation that is already long. */
export const chatSustainedStream = defineBenchmark<SustainedRun>({
  name: 'chat-sustained-stream',
  goal:
    '200 events/s of 20-character deltas for 25 s in a conversation already holding 200 ' +
    'messages: no long task ≥ 50 ms after the first second, rendered text ≤ 250 ms behind ' +
    'arrival at the end',
  async run(config) {
    const seconds = config.quick ? 6 : 25
    const answer = buildTokenAnswer({
      tokens: eventsPerSecond * seconds,
      chunkSize,
      shape: 'prose',
    })
    const app = await startBenchApp({
      chromiumPath: config.chromiumPath,
      scenario: { chunkDelayMs: chunkDelayFor(eventsPerSecond) },
      seed: seedShape(promptableConversation),
    })
    try {
      const openMs = await openSeededConversation(app, promptableConversation)
      // Let the opening's own work finish: only the stream is measured.
      await new Promise((resolve) => setTimeout(resolve, 1_500))
      progress(`chat-sustained-stream: streaming ${answer.tokens} chunks at ${eventsPerSecond}/s`)
      const streamed = await streamAnswer(app, answer, { prompt: 'Benchmark: sustained stream' })
      const { timings, probes, offset, settledAt } = streamed
      const firstSent = timings[0]?.sentAt ?? streamed.sentAt
      const lastSent = timings.at(-1)?.sentAt ?? null
      const from = firstSent + 1_000
      const tasks = longEntriesBetween(probes.longTasks, offset, from, settledAt)
      const frames = longEntriesBetween(probes.longFrames, offset, from, settledAt)
      const lags = spans(
        timings,
        (t) => t.sentAt,
        (t) => t.paintedAt,
      )
      const lastSecond = timings.filter(
        (t) => lastSent !== null && t.sentAt !== null && t.sentAt >= lastSent - 1_000,
      )
      return {
        longTasks: tasks.length,
        longestTaskMs: round(longest(tasks)),
        longFrames: frames.length,
        longestFrameMs: round(longest(frames)),
        longestFrameAtS: round(longestStart(frames, firstSent), 2),
        lagAtEndMs: round(lagAtEnd(timings)),
        lagLastSecondMs: distribution(
          spans(
            lastSecond,
            (t) => t.sentAt,
            (t) => t.paintedAt,
          ),
        ),
        lagMaxMs: round(Math.max(...lags)),
        openMs: round(openMs) ?? 0,
        streamSeconds: round(streamSeconds(timings)),
        eventsPerSecond: round(achievedRate(timings)),
      }
    } finally {
      await app.close()
    }
  },
  summarize(runs) {
    const longTasks = medianOf(runs, (run) => run.longTasks)
    const lagAtEndMs = medianOf(runs, (run) => run.lagAtEndMs)
    return {
      figures: {
        longTasksAfterFirstSecond: longTasks,
        longestTaskMs: medianOf(runs, (run) => run.longestTaskMs),
        longFramesAfterFirstSecond: medianOf(runs, (run) => run.longFrames),
        lagAtEndMs,
        lagLastSecondP95Ms: medianOf(runs, (run) => run.lagLastSecondMs.p95),
        lagMaxMs: medianOf(runs, (run) => run.lagMaxMs),
        openConversationMs: medianOf(runs, (run) => run.openMs),
        streamSeconds: medianOf(runs, (run) => run.streamSeconds),
        eventsPerSecond: medianOf(runs, (run) => run.eventsPerSecond),
        perRun: runs,
      },
      met: longTasks === 0 && lagAtEndMs !== null && lagAtEndMs <= 250,
    }
  },
})
