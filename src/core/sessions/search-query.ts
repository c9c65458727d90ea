/** One thing a person is looking for: a word or a "quoted phrase", as index tokens. */
export type SearchTerm = {
  /** In order: one for a plain word; several for a phrase or a word like `foo-bar`. */
  tokens: string[]
  /** The last token also matches longer words that start with it. */
  prefix: boolean
  /** A plain word, a prefix only because people search as they type (no `*`, no quotes). */
  asTyped: boolean
}

/** More terms than this are ignored: a pasted paragraph should not become a slow query. */
const maxTerms = 16

/** What the index's `unicode61` tokenizer keeps: letters, digits, marks; the rest separates. */
const tokenChars = '\\p{L}\\p{N}\\p{M}\\p{Co}'
const tokenPattern = new RegExp(`[${tokenChars}]+`, 'gu')

/** Splits text into index tokens the way `unicode61` does. */
export function tokenize(text: string): string[] {
  return text.match(tokenPattern) ?? []
}

/**
 * Reads free text as search terms; nothing in it is FTS5 syntax (`AND`, `NEAR`, `-`, `:`, `(`
 * are just words or separators), so no input can make a query fail.
 * - `"quoted phrases"` match those words in that order; an unclosed quote runs to the end and
 *   its last word is still being typed, so it is a prefix; a `*` right after the phrase too.
 * - Plain words are prefixes, as people type: `hel` finds `hello`. One letter is too short to
 *   be a useful prefix (it would match a good part of the history) and matches the letter alone.
 */
export function parseSearchQuery(text: string): SearchTerm[] {
  const terms: SearchTerm[] = []
  const seen = new Set<string>()
  const add = (tokens: string[], prefix: boolean, asTyped = false) => {
    if (tokens.length === 0 || terms.length >= maxTerms) return
    const term = { tokens, prefix: prefix && (tokens.at(-1)?.length ?? 0) >= 2, asTyped }
    const key = `${term.tokens.join(' ').toLowerCase()}${term.prefix ? '*' : ''}`
    if (seen.has(key)) return
    seen.add(key)
    terms.push(term)
  }
  let at = 0
  while (at < text.length) {
    const char = text[at] as string
    if (/\s/u.test(char)) {
      at++
    } else if (char === '"') {
      const close = text.indexOf('"', at + 1)
      const inner = text.slice(at + 1, close === -1 ? text.length : close)
      let next = close === -1 ? text.length : close + 1
      const starred = text[next] === '*'
      if (starred) next++
      add(tokenize(inner), close === -1 || starred || /\*\s*$/u.test(inner))
      at = next
    } else {
      let end = at
      while (end < text.length && text[end] !== '"' && !/\s/u.test(text[end] as string)) end++
      const word = text.slice(at, end)
      add(tokenize(word), true, !word.endsWith('*'))
      at = end
    }
  }
  return terms
}

/**
 * The FTS5 MATCH expression for `terms`, all of which must match: each one a quoted string (the
 * tokens hold only letters, digits and marks, so they need no escaping), `*` for a prefix.
 */
export function toFtsQuery(terms: SearchTerm[]): string {
  return terms.map((term) => `"${term.tokens.join(' ')}"${term.prefix ? '*' : ''}`).join(' ')
}

/** Finds `term` in text as the index would, minus diacritic folding (the scan without FTS5). */
export function termPattern(term: SearchTerm): RegExp {
  const separator = `[^${tokenChars}]+`
  const end = term.prefix ? `[${tokenChars}]*` : `(?![${tokenChars}])`
  return new RegExp(`(?<![${tokenChars}])${term.tokens.join(separator)}${end}`, 'giu')
}
