import { termPattern, type SearchTerm } from './search-query.ts'

/** bm25's constants, as FTS5's bm25() uses them. */
const k1 = 1.2
const b = 0.75

/** Occurrences are counted in the first this-many characters of a message (huge answers). */
const countedChars = 50_000

/** Case and accents folded the way the index folds them (`remove_diacritics`), for counting. */
function fold(text: string): string {
  // Most text is ASCII: skip the normalisation, the costly part, when it cannot change anything.
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(text) ? text : text.normalize('NFD').replace(/\p{M}+/gu, '')
}

/**
 * The inverse document frequency bm25 gives a term found in `df` of `total` messages, floored
 * as FTS5 floors it: a word in most messages weighs next to nothing.
 */
export function inverseFrequency(df: number, total: number): number {
  const idf = Math.log((total - df + 0.5) / (df + 0.5))
  return idf > 0 ? idf : 1e-6
}

/**
 * bm25 of each text for `terms`, higher is better: what FTS5's bm25() computes (negated), but
 * over the texts given. FTS5's own first counts, for every term, each message holding it: a pass
 * over the whole index, 100 ms for a common word in a million messages, whatever the LIMIT. Here
 * the caller supplies each term's weight (`idf`), and lengths are in characters, not tokens;
 * both change the order of matches only at the margins.
 */
export function bm25Scores(texts: string[], terms: SearchTerm[], idf: number[]): number[] {
  const patterns = terms.map((term) => termPattern({ ...term, tokens: term.tokens.map(fold) }))
  const lengths = texts.map((text) => text.length)
  const average = lengths.reduce((sum, length) => sum + length, 0) / Math.max(1, texts.length)
  return texts.map((text, index) => {
    const folded = fold(text.length > countedChars ? text.slice(0, countedChars) : text)
    const norm = k1 * (1 - b + (b * (lengths[index] as number)) / Math.max(1, average))
    let score = 0
    patterns.forEach((pattern, term) => {
      pattern.lastIndex = 0
      let tf = 0
      while (pattern.exec(folded)) tf++
      if (tf > 0) score += ((idf[term] ?? 1) * (tf * (k1 + 1))) / (tf + norm)
    })
    return score
  })
}
