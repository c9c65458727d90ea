import { defineBenchmark } from '../benchmark.ts'
import { progress } from '../progress.ts'
import { historyBenchmarkNames, historyOptionsFromEnv, runHistoryBenchmarks } from './index.ts'

type HistoryReport = Awaited<ReturnType<typeof runHistoryBenchmarks>>

/**
 * Issue 5's storage benchmarks as one entry of `npm run bench`: each measures many operations
 * itself (120 searches, 200 kills…), so one run is enough; sizes come from BENCH_HISTORY_*.
 */
export const historyBenchmarks = historyBenchmarkNames.map((name) =>
  defineBenchmark<HistoryReport>({
    name: `history-${name}`,
    goal: `issue 5: history ${name} (see BENCHMARKS.md)`,
    runs: 1,
    run: () =>
      runHistoryBenchmarks({
        ...historyOptionsFromEnv(process.env),
        only: [name],
        progress: (message) => progress(message),
      }),
    summarize(runs) {
      const result = runs[0]?.results[name]
      if (!result || 'error' in result) {
        return { met: false, figures: { error: result?.error ?? 'no result' } }
      }
      return { met: result.met, figures: { goal: result.goal, ...result.figures } }
    },
  }),
)
