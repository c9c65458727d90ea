import { apiBenchmarks } from './api/suite.ts'
import type { AnyBenchmark } from './benchmark.ts'
import { chatBenchmarks } from './chat/index.ts'
import { historyBenchmarks } from './history/suite.ts'
import { sidebarBenchmarks } from './sidebar/index.ts'

/** Every suite by name; `npm run bench -- <suite>` runs one. */
export const suites: Record<string, AnyBenchmark[]> = {
  chat: chatBenchmarks,
  history: historyBenchmarks,
  sidebar: sidebarBenchmarks,
  api: apiBenchmarks,
}

/** The benchmarks named by suite or benchmark names; all of them for no names. */
export function selectBenchmarks(names: string[]): AnyBenchmark[] {
  const all = Object.values(suites).flat()
  if (names.length === 0) return all
  const selected = new Set<AnyBenchmark>()
  for (const name of names) {
    const matches = suites[name] ?? all.filter((benchmark) => benchmark.name === name)
    if (matches.length === 0) {
      const known = [...Object.keys(suites), ...all.map((benchmark) => benchmark.name)]
      throw new Error(`no benchmark or suite "${name}"; known: ${known.join(', ')}`)
    }
    for (const benchmark of matches) selected.add(benchmark)
  }
  return all.filter((benchmark) => selected.has(benchmark))
}
