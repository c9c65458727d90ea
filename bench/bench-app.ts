import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, CDPSession, Page } from 'playwright-core'
import { startFakeUpstream, type FakeUpstream, type Scenario } from '../e2e/fake-upstream/index.ts'
import { launchWebHost, makeDataDir, type RunningHost } from '../e2e/support/launch-web-host.ts'
import { launchChromium } from './browser.ts'
import { signIn } from './chat-ui.ts'
import { installPageProbes } from './page-probes.ts'
import { recordUpstreamWrites, type UpstreamWrites } from './upstream-writes.ts'

/** One benchmark run's world: fake upstream, web host, Chromium, a signed-in page. */
export type BenchApp = {
  fake: FakeUpstream
  host: RunningHost
  browser: Browser
  page: Page
  /** A DevTools session on the page, with the Performance domain enabled. */
  cdp: CDPSession
  writes: UpstreamWrites
  dataDir: string
  /** Stops everything this app started, newest first; safe to call twice. */
  close(): Promise<void>
}

export type BenchAppOptions = {
  chromiumPath: string
  scenario?: Partial<Scenario>
  /** Fills the data folder before the host opens it (a long conversation, say). */
  seed?: (dataDir: string) => Promise<void>
}

// A desktop window; the conversation column is then as wide as on a laptop.
const viewport = { width: 1280, height: 800 }

const openApps = new Set<BenchApp>()

// `BENCH_TRACE=<folder>`: each app records a Chromium trace of its page from sign-in to close,
// for `node bench/trace-summary.ts <file>` or DevTools' Performance panel. Tracing costs the
// renderer time of its own, so figures from a traced run are for finding causes, not for
// BENCHMARKS.md.
const traceDir = process.env['BENCH_TRACE']
const traceCategories = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'blink.user_timing',
]
let tracesWritten = 0

async function traceUntilClose(browser: Browser, page: Page, folder: string) {
  await browser.startTracing(page, { categories: traceCategories })
  return async () => {
    const trace = await browser.stopTracing()
    mkdirSync(folder, { recursive: true })
    const file = join(folder, `trace-${process.pid}-${++tracesWritten}.json`)
    writeFileSync(file, trace)
    process.stderr.write(`bench: trace written to ${file}\n`)
  }
}

/** Closes whatever is still open: for Ctrl-C and fatal errors in run.ts. */
export async function closeAllApps(): Promise<void> {
  await Promise.allSettled([...openApps].map((app) => app.close()))
}

/** Starts a fresh app on a fresh data folder and signs in through the UI. */
export async function startBenchApp(options: BenchAppOptions): Promise<BenchApp> {
  const cleanups: (() => Promise<void> | void)[] = []
  let closing: Promise<void> | undefined
  const close = () => {
    closing ??= (async () => {
      for (const cleanup of cleanups.reverse()) {
        try {
          await cleanup()
        } catch (error) {
          process.stderr.write(`bench: cleanup failed: ${(error as Error).message}\n`)
        }
      }
    })()
    return closing
  }
  const app = { close } as BenchApp
  openApps.add(app)
  cleanups.push(() => void openApps.delete(app))

  let host: RunningHost | undefined
  try {
    const dataDir = makeDataDir()
    cleanups.push(() => dataDir.remove())
    await options.seed?.(dataDir.path)

    const writes = recordUpstreamWrites()
    cleanups.push(() => writes.stop())
    // A one-second device-flow interval makes signing in take about a second.
    const fake = await startFakeUpstream({ scenario: { deviceInterval: 1, ...options.scenario } })
    cleanups.push(() => fake.close())
    host = await launchWebHost({ fake, dataDir: dataDir.path })
    cleanups.push(() => host?.stop())

    const browser = await launchChromium(options.chromiumPath)
    cleanups.push(() => browser.close())
    const context = await browser.newContext({ viewport })
    await context.addInitScript(installPageProbes)
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    await cdp.send('Performance.enable')

    await signIn(page, host.url)
    if (traceDir) cleanups.push(await traceUntilClose(browser, page, traceDir))
    return Object.assign(app, { fake, host, browser, page, cdp, writes, dataDir: dataDir.path })
  } catch (error) {
    const output = host?.output().trim().split('\n').slice(-10).join('\n')
    await close()
    const message = (error as Error).message
    throw new Error(output ? `${message}\nweb host said:\n${output}` : message, { cause: error })
  }
}

/** Chromium's own counters for the page (DevTools' Performance monitor). */
export async function pageMetrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as {
    metrics: { name: string; value: number }[]
  }
  return Object.fromEntries(metrics.map((metric) => [metric.name, metric.value]))
}

/** Full garbage collections until the heap stops shrinking, so what is left is what is kept. */
export async function collectGarbage(cdp: CDPSession): Promise<void> {
  let previous = Infinity
  for (let i = 0; i < 5; i++) {
    await cdp.send('HeapProfiler.collectGarbage')
    const used = (await pageMetrics(cdp))['JSHeapUsedSize'] ?? 0
    if (used >= previous * 0.99) return
    previous = used
  }
}
