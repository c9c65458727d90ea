/** A piece of a search snippet, marked when it is one of the matched terms. */
export type SnippetPart = { text: string; marked: boolean }

/**
 * Cuts `text` at the [start, end) `ranges` the core found. Ranges come from another process:
 * out-of-bounds, empty, unsorted or overlapping ones are clamped, dropped, sorted and merged
 * rather than trusted.
 */
export function splitHighlights(
  text: string,
  ranges: ReadonlyArray<readonly [number, number]>,
): SnippetPart[] {
  const clamp = (n: number) => Math.min(text.length, Math.max(0, Math.trunc(n)))
  const sorted = ranges
    .map(([start, end]) => [clamp(start), clamp(end)] as const)
    .filter(([start, end]) => end > start)
    .toSorted((a, b) => a[0] - b[0])

  const parts: SnippetPart[] = []
  let at = 0
  for (const [start, end] of sorted) {
    if (end <= at) continue
    const from = Math.max(start, at)
    if (from > at) parts.push({ text: text.slice(at, from), marked: false })
    const last = parts.at(-1)
    // Touching or overlapping ranges read as one highlighted word.
    if (last?.marked && from === at) last.text += text.slice(from, end)
    else parts.push({ text: text.slice(from, end), marked: true })
    at = end
  }
  if (at < text.length) parts.push({ text: text.slice(at), marked: false })
  return parts
}
