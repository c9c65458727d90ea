import type { ClockOffset } from './page-clock.ts'
import type { LongEntry, ProbeSnapshot } from './page-probes.ts'

/** One token's journey, every time on the bench clock (ms); null where it was never seen. */
export type TokenTiming = {
  token: number
  /** The fake upstream wrote its chunk: the earliest the core could have it. */
  sentAt: number | null
  /** Its `chat:delta` frame reached the page's JavaScript. */
  arrivedAt: number | null
  /** The frame that first showed it had been painted. */
  paintedAt: number | null
}

/** Joins the bench-side write times with the page's times, moved onto the bench clock. */
export function tokenTimings(
  sent: (number | null)[],
  probes: ProbeSnapshot,
  offset: ClockOffset,
  tokens: number,
): TokenTiming[] {
  const toBench = (at: number | null | undefined) => (at == null ? null : at - offset.offsetMs)
  const timings: TokenTiming[] = []
  for (let token = 1; token <= tokens; token++) {
    timings.push({
      token,
      sentAt: sent[token] ?? null,
      arrivedAt: toBench(probes.arrived[token]),
      paintedAt: toBench(probes.painted[token]),
    })
  }
  return timings
}

/** `to − from` for every token that has both. */
export function spans(
  timings: TokenTiming[],
  from: (timing: TokenTiming) => number | null,
  to: (timing: TokenTiming) => number | null,
): number[] {
  const values: number[] = []
  for (const timing of timings) {
    const start = from(timing)
    const end = to(timing)
    if (start !== null && end !== null) values.push(end - start)
  }
  return values
}

/** Seconds from the first chunk written to the last. */
export function streamSeconds(timings: TokenTiming[]): number | null {
  const first = timings[0]?.sentAt
  const last = timings.at(-1)?.sentAt
  return first != null && last != null ? (last - first) / 1000 : null
}

/** Upstream events a second actually achieved, from the first to the last chunk written. */
export function achievedRate(timings: TokenTiming[]): number | null {
  const sent = timings.map((t) => t.sentAt).filter((at): at is number => at !== null)
  if (sent.length < 2) return null
  return ((sent.length - 1) * 1000) / ((sent.at(-1) as number) - (sent[0] as number))
}

/** Long tasks or frames of at least 50 ms that started inside [from, to] (bench clock). */
export function longEntriesBetween(
  entries: LongEntry[],
  offset: ClockOffset,
  from: number,
  to: number,
): LongEntry[] {
  return entries
    .map((entry) => ({ ...entry, start: entry.start - offset.offsetMs }))
    .filter((entry) => entry.duration >= 50 && entry.start >= from && entry.start <= to)
}

/** How far the screen was behind the upstream when the answer's last chunk was painted. */
export function lagAtEnd(timings: TokenTiming[]): number | null {
  const last = timings.at(-1)
  return last?.paintedAt != null && last.sentAt != null ? last.paintedAt - last.sentAt : null
}

/** The longest entry's duration, or null when there is none. */
export function longest(entries: LongEntry[]): number | null {
  return entries.length ? Math.max(...entries.map((entry) => entry.duration)) : null
}

/**
 * When the longest entry started, in seconds after `origin` (bench clock): tells a hitch at the
 * stream's start or end from one in its middle.
 */
export function longestStart(entries: LongEntry[], origin: number): number | null {
  const worst = entries.reduce<LongEntry | null>(
    (found, entry) => (found === null || entry.duration > found.duration ? entry : found),
    null,
  )
  return worst === null ? null : (worst.start - origin) / 1000
}
