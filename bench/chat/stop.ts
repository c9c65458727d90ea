import { startBenchApp, type BenchApp } from '../bench-app.ts'
import { defineBenchmark } from '../benchmark.ts'
import { pressStop, sendMessage, startNewChat, waitForComposerIdle } from '../chat-ui.ts'
import { findStreamClose } from '../fake-events.ts'
import { measureClockOffset } from '../page-clock.ts'
import { readProbes, resetStreamProbes, shownToken } from '../page-probes.ts'
import { progress } from '../progress.ts'
import { distribution, medianOf, round } from '../stats.ts'
import { chunkDelayFor, nextFrames, waitForStreamStart } from '../stream-answer.ts'
import { buildTokenAnswer } from '../token-answer.ts'
import { waitUntil } from '../wait-until.ts'

const eventsPerSecond = 200
const chunkSize = 20
// Stop is pressed once about a second of the answer is on screen.
const stopAfterTokens = eventsPerSecond
// After Stop, anything that is going to be painted has this long to show up.
const watchAfterStopMs = 1_000

type StopSample = {
  /** Stop's input reached the page → the fake saw the answer's connection close. */
  closeMs: number | null
  /** How the fake logged the close; `client_aborted` is the expected one. */
  reason: string
  /**
   * Tokens that entered the answer's DOM after Stop's click handlers ran, so were painted after
   * it. (The DOM time, not the paint time: a paint that finished before the click can have its
   * after-paint task overtaken by the click, which input priority runs first.)
   */
  paintedAfterStop: number
  /** Chunks the fake still wrote after Stop's input (they should never reach the screen). */
  sentAfterStop: number
}

type StopRun = { samples: StopSample[] }

async function stopOnce(app: BenchApp, tokens: number): Promise<StopSample> {
  const { page, fake } = app
  await resetStreamProbes(page, { recordUpdates: false })
  app.writes.reset()
  const since = fake.events.length
  await sendMessage(page, 'Benchmark: pressing Stop mid-answer')
  await waitForStreamStart(app, since)
  await waitUntil(async () => ((await shownToken(page)) >= stopAfterTokens ? true : undefined), {
    timeoutMs: 30_000,
    everyMs: 50,
    describe: () => `the answer never reached token ${stopAfterTokens}`,
  })
  await pressStop(page)
  const close = await waitUntil(() => findStreamClose(fake, since), {
    timeoutMs: 10_000,
    everyMs: 20,
    describe: () => 'the fake upstream never saw the answer’s connection close after Stop',
  })
  await waitForComposerIdle(page, 10_000)
  await new Promise((resolve) => setTimeout(resolve, watchAfterStopMs))
  await nextFrames(app)

  const offset = await measureClockOffset(page)
  const probes = await readProbes(page)
  const click = probes.clicks.find((c) => c.label === 'Stop')
  if (!click) throw new Error('the page saw no click on Stop')
  const inputAt = click.inputAt - offset.offsetMs
  const sent = app.writes.sent().slice(1, tokens + 1)
  return {
    closeMs: round(close.at - inputAt),
    reason: close.reason,
    paintedAfterStop: probes.shown.filter((at) => at !== null && at > click.dispatchedAt).length,
    sentAfterStop: sent.filter((at) => at !== null && at > inputAt).length,
  }
}

/** Issue 4, benchmark 5: Stop must end the upstream request at once and freeze the answer. */
export const chatStop = defineBenchmark<StopRun>({
  name: 'chat-stop',
  goal: 'Stop → upstream connection closed at the fake server ≤ 100 ms p95, no delta painted after',
  async run(config) {
    const stops = config.quick ? 2 : 4
    // Long enough that Stop always comes first: about 15 s of answer.
    const answer = buildTokenAnswer({ tokens: eventsPerSecond * 15, chunkSize, shape: 'prose' })
    const app = await startBenchApp({
      chromiumPath: config.chromiumPath,
      scenario: { chunkDelayMs: chunkDelayFor(eventsPerSecond), answer: answer.text, chunkSize },
    })
    try {
      const samples: StopSample[] = []
      for (let i = 0; i < stops; i++) {
        if (i > 0) await startNewChat(app.page)
        progress(`chat-stop: stop ${i + 1} of ${stops}`)
        samples.push(await stopOnce(app, answer.tokens))
      }
      return { samples }
    } finally {
      await app.close()
    }
  },
  summarize(runs) {
    const samples = runs.flatMap((run) => run.samples)
    const close = distribution(
      samples.map((sample) => sample.closeMs).filter((ms): ms is number => ms !== null),
    )
    const paintedAfter = samples.reduce((sum, sample) => sum + sample.paintedAfterStop, 0)
    return {
      figures: {
        closeMsAllStops: close,
        closeP50MedianOfRuns: medianOf(
          runs,
          (run) => distribution(run.samples.map((s) => s.closeMs ?? Number.NaN)).p50,
        ),
        deltasPaintedAfterStop: paintedAfter,
        stopsWithDeltasPaintedAfter: samples.filter((sample) => sample.paintedAfterStop > 0).length,
        chunksSentAfterStop: medianOf(samples, (sample) => sample.sentAfterStop),
        closeReasons: [...new Set(samples.map((sample) => sample.reason))],
        stops: samples.length,
        perRun: runs,
      },
      met: close.p95 !== null && close.p95 <= 100 && paintedAfter === 0,
    }
  },
})
