import { collectGarbage, pageMetrics, startBenchApp, type BenchApp } from '../bench-app.ts'
import { defineBenchmark } from '../benchmark.ts'
import { longConversation, openSeededConversation, seedShape } from '../long-conversation.ts'
import { benchClock, measureClockOffset } from '../page-clock.ts'
import type { PageWindow } from '../page-globals.ts'
import { readProbes, type ProbeControls } from '../page-probes.ts'
import { firstMessageMarker } from '../seed-conversation.ts'
import { progress } from '../progress.ts'
import { rendererPrivateBytes } from '../renderer-memory.ts'
import { medianOf, round } from '../stats.ts'
import { longEntriesBetween } from '../token-timings.ts'

const megabyte = 1024 * 1024

type MemoryReading = {
  /** V8 heap in use after full garbage collection (Performance.getMetrics JSHeapUsedSize). */
  jsHeapBytes: number
  /** Live DOM nodes of every kind, text included (Performance.getMetrics Nodes, DevTools' count). */
  nodes: number
  /** Elements in the document. */
  elements: number
  /** Private resident memory of the renderer processes; null off Linux. */
  rendererBytes: number | null
}

type MemoryRun = {
  baseline: MemoryReading
  after: MemoryReading
  jsHeapDeltaMb: number | null
  rendererDeltaMb: number | null
  /** Most elements the document held at any point while scrolling. */
  peakElements: number
  openMs: number | null
  scrollMs: number | null
  scrollSteps: number
  /** Whether scrolling up reached the first message (earlier pages loaded as the app does it). */
  reachedStart: boolean
  longTasksOpeningAndScrolling: number
}

async function readMemory(app: BenchApp): Promise<MemoryReading> {
  // Give pending renders and timers a moment, then measure only what is kept.
  await new Promise((resolve) => setTimeout(resolve, 1_000))
  await collectGarbage(app.cdp)
  const metrics = await pageMetrics(app.cdp)
  return {
    jsHeapBytes: metrics['JSHeapUsedSize'] ?? Number.NaN,
    nodes: metrics['Nodes'] ?? Number.NaN,
    elements: await app.page.evaluate(
      () => (globalThis as unknown as PageWindow).document.getElementsByTagName('*').length,
    ),
    rendererBytes: await rendererPrivateBytes(app.browser),
  }
}

type ScrollResult = { steps: number; peakElements: number; ms: number; reachedStart: boolean }

/**
 * Runs in the page. The conversation opens at its end; this scrolls it to its top 80 % of a
 * screen at a time, two frames a step so whatever renders on scroll does, so every part of it
 * is shown once, then jumps back to the end. At the top it waits up to `waitForOlderMs` for
 * earlier messages to load (the app pages them in) and goes on while they do, until the first
 * message (`startMarker`) is there. Counts elements on the way.
 */
async function scrollThrough(options: {
  startMarker: string
  waitForOlderMs: number
}): Promise<ScrollResult> {
  const page = globalThis as unknown as PageWindow & { __logaiBench: ProbeControls }
  const probes = page.__logaiBench
  const section = page.document.querySelector('section[aria-label="Conversation"]')
  if (!section) throw new Error('no Conversation section')
  const started = performance.now()
  let steps = 0
  let peakElements = 0
  const sample = () => {
    peakElements = Math.max(peakElements, page.document.getElementsByTagName('*').length)
  }
  const settle = async () => {
    await probes.nextFrame()
    await probes.nextFrame()
  }
  const hasStart = () =>
    section.querySelectorAll('article')[0]?.textContent?.includes(options.startMarker) ?? false
  const olderArrived = async () => {
    const height = section.scrollHeight
    const deadline = performance.now() + options.waitForOlderMs
    while (performance.now() < deadline) {
      await probes.nextFrame()
      if (section.scrollHeight !== height || section.scrollTop > 0) return true
    }
    return false
  }
  sample()
  while (steps < 5_000) {
    if (section.scrollTop > 0) {
      section.scrollTop -= Math.max(100, section.clientHeight * 0.8)
      steps++
      await settle()
      if (steps % 10 === 0) sample()
    } else if (hasStart() || !(await olderArrived())) {
      break
    }
  }
  sample()
  const reachedStart = hasStart()
  section.scrollTop = section.scrollHeight
  await settle()
  sample()
  return { steps, peakElements, ms: performance.now() - started, reachedStart }
}

const toMb = (bytes: number) => round(bytes / megabyte, 1)

/** Issue 4, benchmark 4: what a long conversation costs once opened and read through. */
export const chatLongConversation = defineBenchmark<MemoryRun>({
  name: 'chat-long-conversation',
  goal:
    'a 200-message × 5,000-character conversation (20 % code) loaded and scrolled: renderer ' +
    'memory ≤ baseline + 100 MB, DOM nodes ≤ 40,000',
  async run(config) {
    const app = await startBenchApp({
      chromiumPath: config.chromiumPath,
      seed: seedShape(longConversation),
    })
    try {
      const baseline = await readMemory(app)
      progress(
        `chat-long-conversation: opening and scrolling ${longConversation.messages} messages`,
      )
      const scrollFrom = benchClock()
      const openMs = await openSeededConversation(app, longConversation)
      const scroll = await app.page.evaluate(scrollThrough, {
        startMarker: firstMessageMarker,
        waitForOlderMs: 5_000,
      })
      const scrollTo = benchClock()
      const after = await readMemory(app)
      const offset = await measureClockOffset(app.page)
      const probes = await readProbes(app.page)
      const delta = (pick: (reading: MemoryReading) => number | null) => {
        const before = pick(baseline)
        const now = pick(after)
        return before === null || now === null ? null : toMb(now - before)
      }
      return {
        baseline,
        after,
        jsHeapDeltaMb: delta((reading) => reading.jsHeapBytes),
        rendererDeltaMb: delta((reading) => reading.rendererBytes),
        peakElements: scroll.peakElements,
        openMs: round(openMs),
        scrollMs: round(scroll.ms),
        scrollSteps: scroll.steps,
        reachedStart: scroll.reachedStart,
        longTasksOpeningAndScrolling: longEntriesBetween(
          probes.longTasks,
          offset,
          scrollFrom,
          scrollTo,
        ).length,
      }
    } finally {
      await app.close()
    }
  },
  summarize(runs) {
    const rendererDelta = medianOf(runs, (run) => run.rendererDeltaMb)
    const jsHeapDelta = medianOf(runs, (run) => run.jsHeapDeltaMb)
    // The renderer's private memory is what the goal means; the JS heap alone (no DOM, no
    // layout) stands in only where /proc cannot be read.
    const memoryDelta = rendererDelta ?? jsHeapDelta
    const nodes = medianOf(runs, (run) => run.after.nodes)
    return {
      figures: {
        rendererMemoryDeltaMb: rendererDelta,
        jsHeapDeltaMb: jsHeapDelta,
        domNodes: nodes,
        elements: medianOf(runs, (run) => run.after.elements),
        peakElementsWhileScrolling: medianOf(runs, (run) => run.peakElements),
        baselineDomNodes: medianOf(runs, (run) => run.baseline.nodes),
        baselineRendererMb: medianOf(runs, (run) =>
          run.baseline.rendererBytes === null ? null : toMb(run.baseline.rendererBytes),
        ),
        baselineJsHeapMb: medianOf(runs, (run) => toMb(run.baseline.jsHeapBytes)),
        openConversationMs: medianOf(runs, (run) => run.openMs),
        scrollMs: medianOf(runs, (run) => run.scrollMs),
        scrollSteps: medianOf(runs, (run) => run.scrollSteps),
        runsThatReachedFirstMessage: runs.filter((run) => run.reachedStart).length,
        longTasksOpeningAndScrolling: medianOf(runs, (run) => run.longTasksOpeningAndScrolling),
        perRun: runs,
      },
      met: memoryDelta !== null && nodes !== null && memoryDelta <= 100 && nodes <= 40_000,
    }
  },
})
