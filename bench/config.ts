/** How a benchmark session runs, read once from the environment. */
export type BenchConfig = {
  /** Runs per benchmark; figures are medians across them. */
  runs: number
  /** Short streams and fewer runs, for developing the benchmarks themselves (not for figures). */
  quick: boolean
  chromiumPath: string
}

export function readConfig(env: Record<string, string | undefined>): BenchConfig {
  const quick = env['BENCH_QUICK'] === '1'
  const runs = env['BENCH_RUNS'] === undefined ? (quick ? 2 : 5) : Number(env['BENCH_RUNS'])
  if (!Number.isInteger(runs) || runs < 1) {
    throw new Error(`BENCH_RUNS must be a whole number ≥ 1, not "${env['BENCH_RUNS']}"`)
  }
  return { runs, quick, chromiumPath: env['CHROMIUM_PATH'] ?? '/usr/bin/chromium' }
}
