import { defineBenchmark } from '../benchmark.ts'
import type { BenchConfig } from '../config.ts'
import { progress } from '../progress.ts'
import { measureChunks, measureConcurrentStreams, measureRequests } from './measure.ts'
import { startApiBench, type ApiBench } from './setup.ts'

/** Sizes from BENCH_API_*; BENCH_QUICK shrinks them (for working on the harness only). */
function sizes(config: BenchConfig) {
  const size = (name: string, full: number, quick: number) => {
    const raw = process.env[`BENCH_API_${name}`]
    const value = raw === undefined ? (config.quick ? quick : full) : Number(raw)
    if (!Number.isInteger(value) || value < 1) throw new Error(`BENCH_API_${name}: "${raw}"`)
    return value
  }
  return {
    requests: size('REQUESTS', 200, 30),
    chunks: size('CHUNKS', 500, 100),
    chunkTrials: size('CHUNK_TRIALS', 4, 2),
    streams: size('STREAMS', 50, 10),
    streamWords: size('STREAM_WORDS', 200, 50),
    chunkDelayMs: size('CHUNK_DELAY_MS', 1, 1),
  }
}

/** A fresh fake upstream, signed-in test core and local API server for one measurement. */
async function withBench<T>(measure: (bench: ApiBench) => Promise<T>): Promise<T> {
  const bench = await startApiBench()
  try {
    return await measure(bench)
  } finally {
    await bench.close()
  }
}

type Figures = Record<string, unknown>

/** Issue 6's local API benchmarks: each repeats itself inside, so one run each. */
export const apiBenchmarks = [
  defineBenchmark<Figures & { addedP50Ms: number | null }>({
    name: 'api-request',
    goal: 'issue 6: added latency of the local server per request, p50 ≤ 2 ms',
    runs: 1,
    run: (config) =>
      withBench((bench) => {
        const { requests } = sizes(config)
        progress(`api-request: ${requests} request pairs`)
        return measureRequests(bench, requests)
      }),
    summarize: ([run]) => ({
      met: run !== undefined && run.addedP50Ms !== null && run.addedP50Ms <= 2,
      figures: { ...run },
    }),
  }),
  defineBenchmark<Figures & { addedP50Ms: number | null }>({
    name: 'api-chunk',
    goal: 'issue 6: added latency of the local server per streamed chunk, p50 ≤ 1 ms',
    runs: 1,
    run: (config) =>
      withBench((bench) => {
        const { chunks, chunkTrials, chunkDelayMs } = sizes(config)
        progress(`api-chunk: ${chunkTrials} × ${chunks} chunks each way`)
        return measureChunks(bench, chunks, chunkTrials, chunkDelayMs)
      }),
    summarize: ([run]) => ({
      met: run !== undefined && run.addedP50Ms !== null && run.addedP50Ms <= 1,
      figures: { ...run },
    }),
  }),
  defineBenchmark<Figures & { streams: number; completedClean: number; heldAtOnce: number }>({
    name: 'api-streams',
    goal: 'issue 6: 50 concurrent streams held with no error and no chunk reordering',
    runs: 1,
    run: (config) =>
      withBench((bench) => {
        const { streams, streamWords, chunkDelayMs } = sizes(config)
        progress(`api-streams: ${streams} streams of ${streamWords} words`)
        return measureConcurrentStreams(bench, streams, streamWords, chunkDelayMs)
      }),
    summarize: ([run]) => ({
      met:
        run !== undefined &&
        run.streams >= 50 &&
        run.completedClean === run.streams &&
        run.heldAtOnce === run.streams,
      figures: { ...run },
    }),
  }),
]
