import { startBenchApp } from '../bench-app.ts'
import { defineBenchmark } from '../benchmark.ts'
import { progress } from '../progress.ts'
import { distribution, medianOf, round } from '../stats.ts'
import { chunkDelayFor, streamAnswer } from '../stream-answer.ts'
import { buildTokenAnswer } from '../token-answer.ts'
import { achievedRate, spans } from '../token-timings.ts'

const eventsPerSecond = 50
const chunkSize = 20

type LatencyRun = {
  latencyMs: ReturnType<typeof distribution>
  /** Upstream write → `chat:delta` frame in the page: the core's batching and the socket. */
  toPageMs: ReturnType<typeof distribution>
  /** `chat:delta` frame in the page → painted: the renderer alone. */
  inPageMs: ReturnType<typeof distribution>
  eventsPerSecond: number | null
  unpainted: number
  /** Page clock minus bench clock as measured (page-clock.ts), and its ± bound. */
  clockOffsetMs: number | null
  clockUncertaintyMs: number | null
}

/** Issue 4, benchmark 1: how long a chunk takes from the core to the screen at a normal pace. */
export const chatLatency = defineBenchmark<LatencyRun>({
  name: 'chat-latency',
  goal: 'chunk arrival in core → painted: p50 ≤ 25 ms, p95 ≤ 50 ms at 50 events/s',
  async run(config) {
    const seconds = config.quick ? 3 : 10
    const answer = buildTokenAnswer({
      tokens: eventsPerSecond * seconds,
      chunkSize,
      shape: 'prose',
    })
    const app = await startBenchApp({
      chromiumPath: config.chromiumPath,
      scenario: { chunkDelayMs: chunkDelayFor(eventsPerSecond) },
    })
    try {
      progress(`chat-latency: streaming ${answer.tokens} chunks at ${eventsPerSecond}/s`)
      const streamed = await streamAnswer(app, answer, { prompt: 'Benchmark: latency' })
      const { timings } = streamed
      return {
        latencyMs: distribution(
          spans(
            timings,
            (t) => t.sentAt,
            (t) => t.paintedAt,
          ),
        ),
        toPageMs: distribution(
          spans(
            timings,
            (t) => t.sentAt,
            (t) => t.arrivedAt,
          ),
        ),
        inPageMs: distribution(
          spans(
            timings,
            (t) => t.arrivedAt,
            (t) => t.paintedAt,
          ),
        ),
        eventsPerSecond: round(achievedRate(timings)),
        unpainted: timings.filter((t) => t.paintedAt === null).length,
        clockOffsetMs: round(streamed.offset.offsetMs, 2),
        clockUncertaintyMs: round(streamed.offset.uncertaintyMs, 2),
      }
    } finally {
      await app.close()
    }
  },
  summarize(runs) {
    const p50 = medianOf(runs, (run) => run.latencyMs.p50)
    const p95 = medianOf(runs, (run) => run.latencyMs.p95)
    return {
      figures: {
        latencyP50Ms: p50,
        latencyP95Ms: p95,
        latencyMaxMs: medianOf(runs, (run) => run.latencyMs.max),
        toPageP50Ms: medianOf(runs, (run) => run.toPageMs.p50),
        inPageP50Ms: medianOf(runs, (run) => run.inPageMs.p50),
        inPageP95Ms: medianOf(runs, (run) => run.inPageMs.p95),
        eventsPerSecond: medianOf(runs, (run) => run.eventsPerSecond),
        chunksPerRun: runs[0]?.latencyMs.count ?? 0,
        perRun: runs,
      },
      met: p50 !== null && p95 !== null && p50 <= 25 && p95 <= 50,
    }
  },
})
