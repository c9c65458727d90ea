import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, release, tmpdir } from 'node:os'
import { join } from 'node:path'
import { round } from '../stats.ts'
import { benchAppend } from './append.ts'
import { benchCrash } from './crash.ts'
import { createRandom, createVocabulary } from './fixture-text.ts'
import { generateFixture, type HistoryFixture } from './fixture.ts'
import { benchOpenSession } from './open-session.ts'
import type { HistoryResult } from './result.ts'
import { benchSearch } from './search.ts'

export type { HistoryResult } from './result.ts'

/** The history benchmarks by name, in the order they run. */
export const historyBenchmarkNames = ['search', 'open-session', 'append', 'crash'] as const
export type HistoryBenchmarkName = (typeof historyBenchmarkNames)[number]

export type HistoryBenchOptions = {
  /** Sessions and messages in the generated history (issue 5: 10,000 and 1,000,000). */
  sessions: number
  messages: number
  /** `kill -9` rounds (issue 5: 200). */
  kills: number
  /** Search queries per kind (6 kinds). */
  queriesPerKind: number
  /** Where the fixture goes; a fixture of the same size already there is reused. */
  dir?: string
  /** Keep the folder afterwards (always kept when `dir` was given). */
  keep?: boolean
  /** Run only these (default: all). */
  only?: HistoryBenchmarkName[]
  progress?: (message: string) => void
}

/** Options from `BENCH_HISTORY_*` variables, defaulting to issue 5's sizes. */
export function historyOptionsFromEnv(
  env: Record<string, string | undefined>,
): HistoryBenchOptions {
  const number = (name: string, fallback: number) => {
    const value = Number(env[name])
    return Number.isFinite(value) && value > 0 ? value : fallback
  }
  return {
    sessions: number('BENCH_HISTORY_SESSIONS', 10_000),
    messages: number('BENCH_HISTORY_MESSAGES', 1_000_000),
    kills: number('BENCH_HISTORY_KILLS', 200),
    queriesPerKind: number('BENCH_HISTORY_QUERIES', 20),
    ...(env.BENCH_HISTORY_DIR ? { dir: env.BENCH_HISTORY_DIR } : {}),
    keep: env.BENCH_HISTORY_KEEP === '1',
  }
}

/** The fixture's description beside it, so a later run can reuse the file. */
type FixtureMeta = Omit<HistoryFixture, 'vocabulary'> & { vocabularySize: number }

function loadOrGenerate(
  dir: string,
  options: HistoryBenchOptions,
): HistoryFixture & { reused: boolean } {
  const path = join(dir, 'history.db')
  const metaPath = `${path}.json`
  if (existsSync(path) && existsSync(metaPath)) {
    const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as FixtureMeta
    if (meta.sessions === options.sessions && meta.messages >= options.messages) {
      const vocabulary = createVocabulary(meta.vocabularySize, createRandom(5))
      return { ...meta, vocabulary, reused: true }
    }
  }
  const fixture = generateFixture({ path, ...options, seed: 5 })
  const { vocabulary, ...rest } = fixture
  writeFileSync(metaPath, JSON.stringify({ ...rest, vocabularySize: vocabulary.length }))
  return { ...fixture, reused: false }
}

/** Runs the history benchmarks and returns one JSON-serialisable report. */
export async function runHistoryBenchmarks(options: HistoryBenchOptions) {
  const { progress = () => {} } = options
  const only = new Set(options.only?.length ? options.only : historyBenchmarkNames)
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'logai-history-bench-'))
  mkdirSync(dir, { recursive: true })
  const results: Partial<Record<HistoryBenchmarkName, HistoryResult | { error: string }>> = {}
  const attempt = async (name: HistoryBenchmarkName, run: () => Promise<HistoryResult>) => {
    if (!only.has(name)) return
    progress(`history: ${name}`)
    try {
      results[name] = await run()
    } catch (error) {
      results[name] = {
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      }
    }
  }
  try {
    let fixture: (HistoryFixture & { reused: boolean }) | null = null
    if (only.has('search') || only.has('open-session') || only.has('append')) {
      progress(`history: fixture of ${options.sessions} sessions, ${options.messages} messages`)
      fixture = loadOrGenerate(dir, { ...options, progress })
    }
    if (fixture) {
      const ready = fixture
      await attempt('search', () => benchSearch(ready, { perKind: options.queriesPerKind }))
      await attempt('open-session', () => benchOpenSession(ready))
      await attempt('append', () => benchAppend(ready))
    }
    await attempt('crash', () => benchCrash({ dir, kills: options.kills, progress }))
    return {
      suite: 'history',
      startedFrom: options,
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? null,
        kernel: release(),
        node: process.version,
        loadAverageAtEnd: loadavg().map((value) => round(value, 2)),
      },
      fixture: fixture && {
        sessions: fixture.sessions,
        messages: fixture.messages,
        reused: fixture.reused,
        generateSeconds: round(fixture.generateMs / 1000),
        megabytes: round(fixture.bytes / 1e6),
      },
      results,
    }
  } finally {
    if (!options.dir && !options.keep) rmSync(dir, { recursive: true, force: true })
  }
}
