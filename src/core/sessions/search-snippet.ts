import { termPattern, type SearchTerm } from './search-query.ts'

/** A passage of text with the [start, end) ranges (UTF-16 code units) of the matched words. */
export type Snippet = { snippet: string; highlights: [number, number][] }

/**
 * What SQLite's `snippet()` and `highlight()` put around matched words. Unicode noncharacters:
 * they never occur in text people write, and the renderer gets ranges, never markup.
 */
export const markOpen = '\uFDD0'
export const markClose = '\uFDD1'

/** Takes the markers out of text SQLite marked up, and says where they were. */
export function unmark(marked: string): Snippet {
  const highlights: [number, number][] = []
  let snippet = ''
  let openedAt: number | null = null
  for (const char of marked) {
    if (char === markOpen) {
      openedAt = snippet.length
    } else if (char === markClose) {
      if (openedAt !== null && snippet.length > openedAt)
        highlights.push([openedAt, snippet.length])
      openedAt = null
    } else {
      snippet += char
    }
  }
  return { snippet, highlights }
}

/** Sorted, with overlapping and touching ranges merged. */
function merge(ranges: [number, number][]): [number, number][] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1])
  const merged: [number, number][] = []
  for (const [start, end] of sorted) {
    const last = merged.at(-1)
    if (last && start <= last[1]) last[1] = Math.max(last[1], end)
    else merged.push([start, end])
  }
  return merged
}

/** Every place in `text` that one of `terms` matches. */
export function findMatches(text: string, terms: SearchTerm[]): [number, number][] {
  const ranges: [number, number][] = []
  for (const term of terms) {
    for (const match of text.matchAll(termPattern(term))) {
      ranges.push([match.index, match.index + match[0].length])
    }
  }
  return merge(ranges)
}

/**
 * A passage of about `maxChars` around the first match, cut at spaces, with `…` where text was
 * left out: what `snippet()` gives when search scans the text without FTS5.
 */
export function excerpt(text: string, terms: SearchTerm[], maxChars = 200): Snippet {
  const matches = findMatches(text, terms)
  const first = matches[0]?.[0] ?? 0
  let start = Math.max(0, first - Math.floor(maxChars / 4))
  let end = Math.min(text.length, start + maxChars)
  start = Math.max(0, Math.min(start, end - maxChars))
  if (start > 0) {
    const space = text.indexOf(' ', start)
    if (space !== -1 && space < first) start = space + 1
  }
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end)
    if (space > start && space > (matches[0]?.[1] ?? 0)) end = space
  }
  const before = start > 0 ? '…' : ''
  const after = end < text.length ? '…' : ''
  const shift = before.length - start
  const highlights = matches
    .filter(([from, to]) => from >= start && to <= end)
    .map(([from, to]): [number, number] => [from + shift, to + shift])
  return { snippet: `${before}${text.slice(start, end)}${after}`, highlights }
}
