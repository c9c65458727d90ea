import type { BenchApp } from './bench-app.ts'
import { sendMessage, waitForComposerIdle } from './chat-ui.ts'
import { findStreamClose } from './fake-events.ts'
import { benchClock, measureClockOffset, type ClockOffset } from './page-clock.ts'
import {
  readProbes,
  resetStreamProbes,
  shownToken,
  type ProbeControls,
  type ProbeSnapshot,
} from './page-probes.ts'
import type { TokenAnswer } from './token-answer.ts'
import { tokenTimings, type TokenTiming } from './token-timings.ts'
import { waitUntil } from './wait-until.ts'

/** A streamed answer as measured, every time on the bench clock. */
export type StreamedAnswer = {
  timings: TokenTiming[]
  probes: ProbeSnapshot
  offset: ClockOffset
  /** When Send was clicked. */
  sentAt: number
  /** When the composer showed Send again and two more frames had passed. */
  settledAt: number
}

/**
 * The fake sleeps `chunkDelayMs` before each event and a Node timer fires a millisecond or so
 * late, so asking for exactly 1000/rate would stream below the rate; one millisecond less lands at
 * or a little under it. The JSON reports the rate each run achieved.
 */
export function chunkDelayFor(eventsPerSecond: number): number {
  return Math.max(0, Math.round(1000 / eventsPerSecond) - 1)
}

/** Waits for `frames` animation frames of the page (not counted as answer updates). */
export async function nextFrames(app: BenchApp, frames = 2): Promise<void> {
  for (let i = 0; i < frames; i++) {
    await app.page.evaluate(() =>
      (globalThis as unknown as { __logaiBench: ProbeControls }).__logaiBench.nextFrame(),
    )
  }
}

/**
 * Fails fast, with what the app showed, when the answer never starts (an upstream error such as
 * "context too long" would otherwise look like a stream that never ends).
 */
export async function waitForStreamStart(app: BenchApp, since: number): Promise<void> {
  const started = () => app.fake.events.slice(since).some((e) => e.type === 'stream-started')
  try {
    await waitUntil(() => (started() ? true : undefined), {
      timeoutMs: 20_000,
      describe: () => 'no answer stream started within 20 s',
    })
  } catch (error) {
    const alerts = await app.page.getByRole('alert').allTextContents()
    const shown = alerts.map((text) => text.trim()).filter(Boolean)
    const message = (error as Error).message
    throw new Error(shown.length ? `${message}; the app shows: ${shown.join(' | ')}` : message, {
      cause: error,
    })
  }
}

/**
 * Has the fake stream `answer` (at the scenario's `chunkDelayMs`) in answer to `prompt`, sent in
 * the open conversation, and waits until every token is on screen and the answer has finished.
 */
export async function streamAnswer(
  app: BenchApp,
  answer: TokenAnswer,
  options: { prompt: string; recordUpdates?: boolean },
): Promise<StreamedAnswer> {
  const { page, fake } = app
  fake.setScenario({ answer: answer.text, chunkSize: answer.chunkSize })
  const expectedMs = answer.tokens * Math.max(1, fake.scenario.chunkDelayMs) * 2
  await resetStreamProbes(page, { recordUpdates: options.recordUpdates ?? false })
  app.writes.reset()
  const since = fake.events.length

  const sentAt = benchClock()
  await sendMessage(page, options.prompt)
  await waitForStreamStart(app, since)
  await waitUntil(() => findStreamClose(fake, since), {
    timeoutMs: expectedMs + 30_000,
    everyMs: 200,
    describe: () => `the fake upstream never finished streaming ${answer.tokens} chunks`,
  })
  let shown = 0
  await waitUntil(
    async () => ((shown = await shownToken(page)) >= answer.tokens ? true : undefined),
    {
      timeoutMs: 60_000,
      everyMs: 200,
      describe: () => `only token ${shown} of ${answer.tokens} reached the screen`,
    },
  )
  await waitForComposerIdle(page, 60_000)
  await nextFrames(app)
  const settledAt = benchClock()

  const offset = await measureClockOffset(page)
  const probes = await readProbes(page)
  const timings = tokenTimings(app.writes.sent(), probes, offset, answer.tokens)
  return { timings, probes, offset, sentAt, settledAt }
}
