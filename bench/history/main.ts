// `node bench/history/main.ts [search|open-session|append|crash ...]`: issue 5's history
// benchmarks. Prints one JSON object on stdout, progress on stderr. Sizes come from
// BENCH_HISTORY_SESSIONS / _MESSAGES / _KILLS / _QUERIES (default: 10,000 sessions, 1,000,000
// messages, 200 kills); BENCH_HISTORY_DIR keeps (and reuses) the fixture there.
import {
  historyBenchmarkNames,
  historyOptionsFromEnv,
  runHistoryBenchmarks,
  type HistoryBenchmarkName,
} from './index.ts'

const names = process.argv.slice(2)
for (const name of names) {
  if (!(historyBenchmarkNames as readonly string[]).includes(name)) {
    process.stderr.write(
      `unknown benchmark "${name}"; known: ${historyBenchmarkNames.join(', ')}\n`,
    )
    process.exit(2)
  }
}
const report = await runHistoryBenchmarks({
  ...historyOptionsFromEnv(process.env),
  only: names as HistoryBenchmarkName[],
  progress: (message) => process.stderr.write(`bench: ${message}\n`),
})
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
