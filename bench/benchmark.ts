import type { BenchConfig } from './config.ts'

/** What a benchmark reports across its runs: median figures and whether they meet the goal. */
export type Summary = { figures: Record<string, unknown>; met: boolean }

/** One benchmark: a run that measures once, and a summary of the runs against the goal. */
export type Benchmark<Run> = {
  /** `suite-what`, e.g. `chat-latency`; `npm run bench -- <name>` runs it alone. */
  name: string
  /** The goal as the issue states it. */
  goal: string
  /** Runs to take regardless of BENCH_RUNS, for a benchmark that repeats itself inside. */
  runs?: number
  run(config: BenchConfig): Promise<Run>
  summarize(runs: Run[], config: BenchConfig): Summary
}

/** A benchmark whose run type no longer matters to the caller. */
export type AnyBenchmark = {
  name: string
  goal: string
  runs?: number
  run(config: BenchConfig): Promise<unknown>
  summarize(runs: unknown[], config: BenchConfig): Summary
}

export function defineBenchmark<Run>(benchmark: Benchmark<Run>): AnyBenchmark {
  return benchmark as unknown as AnyBenchmark
}
