/** Quantile with linear interpolation between the closest ranks (numpy's default); NaN when empty. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const position = (sorted.length - 1) * q
  const below = Math.floor(position)
  const above = Math.ceil(position)
  const low = sorted[below] as number
  const high = sorted[above] as number
  return low + (high - low) * (position - below)
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5)
}

/** Rounds for the JSON report; null, NaN and infinities become null so the JSON stays valid. */
export function round(value: number | null, digits = 1): number | null {
  if (value === null || !Number.isFinite(value)) return null
  const scale = 10 ** digits
  return Math.round(value * scale) / scale
}

/** p50, p95 and max of a sample, rounded, with its size. */
export function distribution(values: readonly number[]) {
  return {
    p50: round(quantile(values, 0.5)),
    p95: round(quantile(values, 0.95)),
    max: round(values.length ? Math.max(...values) : Number.NaN),
    count: values.length,
  }
}

/** The median across runs of one per-run figure, skipping runs that could not measure it. */
export function medianOf<T>(runs: readonly T[], figure: (run: T) => number | null): number | null {
  const values = runs.map(figure).filter((value): value is number => value !== null)
  return round(median(values), 2)
}
