// `npm run bench [-- <suite or benchmark>...]`: runs the benchmarks against the built renderer,
// prints one JSON report on stdout and progress on stderr. A missed goal is a figure, not a
// failure: the exit code is 1 only when a benchmark could not measure at all.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { cpus, release } from 'node:os'
import { join, resolve } from 'node:path'
import { closeAllApps } from './bench-app.ts'
import { readConfig, type BenchConfig } from './config.ts'
import { progress } from './progress.ts'
import { selectBenchmarks } from './suites.ts'
import type { AnyBenchmark } from './benchmark.ts'

type BenchmarkReport = {
  goal: string
  met: boolean
  runs: number
  figures?: Record<string, unknown>
  errors?: string[]
}

// The web host is started as `src/web/serve.ts` relative to the working directory.
process.chdir(resolve(import.meta.dirname, '..'))

function chromiumVersion(path: string): string | null {
  try {
    return execFileSync(path, ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim()
  } catch {
    return null
  }
}

async function runBenchmark(
  benchmark: AnyBenchmark,
  config: BenchConfig,
): Promise<BenchmarkReport> {
  const results: unknown[] = []
  const errors: string[] = []
  const runs = benchmark.runs ?? config.runs
  for (let i = 1; i <= runs; i++) {
    progress(`${benchmark.name}: run ${i} of ${runs}`)
    const started = Date.now()
    try {
      results.push(await benchmark.run(config))
      progress(
        `${benchmark.name}: run ${i} done in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      )
    } catch (error) {
      const message = (error as Error).message
      errors.push(`run ${i}: ${message}`)
      progress(`${benchmark.name}: run ${i} failed: ${message}`)
    }
  }
  const report: BenchmarkReport = { goal: benchmark.goal, met: false, runs: results.length }
  if (results.length > 0) Object.assign(report, benchmark.summarize(results, config))
  if (errors.length > 0) report.errors = errors
  return report
}

async function main(): Promise<number> {
  const config = readConfig(process.env)
  const benchmarks = selectBenchmarks(process.argv.slice(2))
  if (!existsSync(join('out', 'renderer', 'index.html'))) {
    throw new Error('the renderer is not built (out/renderer); run `npm run build` first')
  }
  const stop = () => {
    progress('interrupted: closing browsers, web hosts and fake upstreams')
    void closeAllApps().finally(() => process.exit(130))
  }
  process.once('SIGINT', stop).once('SIGTERM', stop)

  const report = {
    startedAt: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? null,
      kernel: release(),
      node: process.version,
      chromium: chromiumVersion(config.chromiumPath),
    },
    config: { runs: config.runs, quick: config.quick },
    benchmarks: {} as Record<string, BenchmarkReport>,
    met: true,
  }
  for (const benchmark of benchmarks) {
    const result = await runBenchmark(benchmark, config)
    report.benchmarks[benchmark.name] = result
    report.met &&= result.met
  }
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
  return Object.values(report.benchmarks).some((result) => result.runs === 0) ? 1 : 0
}

main()
  .then((code) => (process.exitCode = code))
  .catch(async (error: unknown) => {
    await closeAllApps()
    progress(`failed: ${error instanceof Error ? error.message : String(error)}`)
    process.exitCode = 1
  })
