import type { DatabaseSync } from 'node:sqlite'
import type { SearchHit } from '../../shared/contract.ts'
import { parseSearchQuery, toFtsQuery, type SearchTerm } from './search-query.ts'
import { excerpt, findMatches, markClose, markOpen, unmark } from './search-snippet.ts'
import type { StoreOps } from './store-protocol.ts'
import { bm25Scores, inverseFrequency } from './window-ranking.ts'

/**
 * bm25 of a title hit is multiplied by this: a word in the title says what the whole conversation
 * is about. Titles are all short, so their bm25 stays near the term's rarity, while a message much
 * shorter than the average one scores up to about twice that: 3 puts the title first.
 */
const titleWeight = 3

/**
 * Ranking every match of a common word would read a good part of the index, so messages are
 * ranked among their newest `rankWindow` matches. A word rarer than that (what people mostly
 * look for) is ranked across the whole history.
 */
const rankWindow = 2_000

/**
 * A term in at least this many messages is common. FTS5's bm25() first counts every message
 * holding each term, a pass over its whole doclist (100 ms for a word in most of a million
 * messages, whatever the LIMIT), so a query with a common term is ranked here instead, over its
 * newest `commonWindow` matches (`window-ranking.ts`); the count itself stops at the cap.
 */
const commonTerm = 5_000
const commonWindow = 500

/** Tokens of context `snippet()` returns around the matched words. */
const snippetTokens = 24

type Scored = SearchHit & { score: number; rowid: number | null }

type WindowRow = {
  n: number
  id: string
  session_id: string
  title: string
  updated_at: number
}

/** Full-text search: FTS5 where SQLite has it, else a scan of the text. */
export function createSearch(db: DatabaseSync, fts: boolean): StoreOps['search'] {
  return fts ? createFtsSearch(db) : createScanSearch(db)
}

function createFtsSearch(db: DatabaseSync): StoreOps['search'] {
  const statements = {
    titles: db.prepare(
      `SELECT s.id, s.title, s.updated_at, highlight(titles_fts, 0, ?, ?) AS marked,
              bm25(titles_fts) AS score
       FROM titles_fts JOIN sessions s ON s.n = titles_fts.rowid
       WHERE titles_fts MATCH ? AND s.deleted = 0
       ORDER BY rank LIMIT ?`,
    ),
    /** How many messages hold a term, counting the newest ones up to `commonTerm`. */
    termCount: db.prepare(
      `SELECT count(*) AS hits, min(n) AS oldest
       FROM (SELECT rowid AS n FROM messages_fts
             WHERE messages_fts MATCH ? ORDER BY rowid DESC LIMIT ?)`,
    ),
    // Two subqueries: SQLite reads a lone min() or max() of the key from one end of the b-tree,
    // but scans the table for both in one SELECT.
    span: db.prepare(
      'SELECT (SELECT min(n) FROM messages) AS first, (SELECT max(n) FROM messages) AS last',
    ),
    // Rare terms: the inner query walks the index newest first and stops after the window,
    // bm25() is computed for those rows only; the outer one keeps the best of them.
    rankedByFts: db.prepare(
      `SELECT c.n, c.score, m.id, m.session_id, s.title, s.updated_at
       FROM (SELECT rowid AS n, bm25(messages_fts) AS score FROM messages_fts
             WHERE messages_fts MATCH ? ORDER BY rowid DESC LIMIT ?) c
       JOIN messages m ON m.n = c.n
       JOIN sessions s ON s.id = m.session_id
       WHERE s.deleted = 0
       ORDER BY c.score, c.n DESC LIMIT ?`,
    ),
    // Common terms: the newest matches with their text, ranked by `bm25Scores`.
    newestWithText: db.prepare(
      `SELECT c.n, m.id, m.session_id, m.content, s.title, s.updated_at
       FROM (SELECT rowid AS n FROM messages_fts
             WHERE messages_fts MATCH ? ORDER BY rowid DESC LIMIT ?) c
       JOIN messages m ON m.n = c.n
       JOIN sessions s ON s.id = m.session_id
       WHERE s.deleted = 0`,
    ),
    // Snippets of the chosen rows in one pass: FTS5 reads a term's whole doclist for each query,
    // so one query per hit would cost that 50 times over for a common word. The `+` keeps the id
    // list a plain filter (else FTS5 runs one lookup per id); the walk goes newest first and
    // stops once every chosen row, all among the window's matches, has been seen. (A `rowid >=`
    // bound instead makes FTS5 read far more of a common word's doclist: 150 ms, not 2.)
    snippets: db.prepare(
      `SELECT rowid AS n, snippet(messages_fts, 0, ?, ?, '…', ${snippetTokens}) AS marked
       FROM messages_fts
       WHERE messages_fts MATCH ? AND +rowid IN (SELECT value FROM json_each(?))
       ORDER BY rowid DESC LIMIT ?`,
    ),
  }

  const toHit = (row: WindowRow, score: number): Scored => ({
    sessionId: row.session_id,
    title: row.title,
    updatedAt: row.updated_at,
    messageId: row.id,
    snippet: '',
    highlights: [],
    score,
    rowid: row.n,
  })

  /** How many messages hold a word (exactly below `commonTerm`, else extrapolated). */
  const wordCount = (
    token: string,
    prefix: boolean,
    span: () => { first: number; last: number },
  ) => {
    const { hits, oldest } = statements.termCount.get(
      toFtsQuery([{ tokens: [token], prefix, asTyped: false }]),
      commonTerm,
    ) as { hits: number; oldest: number | null }
    if (hits < commonTerm || oldest === null) return { count: hits, common: false }
    // Past the cap, assume the newest matches are as dense as the rest of the history.
    const { first, last } = span()
    return { count: (hits * (last - first + 1)) / (last - oldest + 1), common: true }
  }

  /** The messages that match, best first (bm25: lower is better), at most `limit`. */
  const rankMessages = (match: string, terms: SearchTerm[], limit: number): Scored[] => {
    let known: { first: number; last: number } | null = null
    const span = () => (known ??= statements.span.get() as { first: number; last: number })
    // A phrase costs what its words cost: FTS5 walks each word's doclist to check positions.
    const words = terms.map((term) =>
      term.tokens.map((token, index) =>
        wordCount(token, term.prefix && index === term.tokens.length - 1, span),
      ),
    )
    if (words.flat().every((word) => !word.common)) {
      const rows = statements.rankedByFts.all(match, rankWindow, limit) as (WindowRow & {
        score: number
      })[]
      return rows.map((row) => toHit(row, row.score))
    }
    const { first, last } = span()
    const total = last - first + 1
    // A phrase is at most as frequent as its rarest word.
    const weights = words.map((counts) =>
      inverseFrequency(Math.min(...counts.map((word) => word.count)), total),
    )
    const rows = statements.newestWithText.all(match, commonWindow) as (WindowRow & {
      content: string
    })[]
    const scores = bm25Scores(
      rows.map((row) => row.content),
      terms,
      weights,
    )
    // Negated to compare with FTS5's bm25(), where lower is better.
    return rows.map((row, index) => toHit(row, -(scores[index] as number)))
  }

  /**
   * A plain word that is itself in thousands of messages is what the person means: matching its
   * longer forms too would add little, and past the prefix index (2 and 3 letters) FTS5 would
   * merge their whole doclists first (`that*`: 200 ms at a million messages).
   */
  const settleTypedWords = (terms: SearchTerm[]): SearchTerm[] =>
    terms.map((term) => {
      const [token] = term.tokens
      if (!term.asTyped || !term.prefix || term.tokens.length !== 1 || !token) return term
      if (token.length <= 3) return term
      const { hits } = statements.termCount.get(
        toFtsQuery([{ ...term, prefix: false }]),
        commonTerm,
      ) as { hits: number }
      return hits >= commonTerm ? { ...term, prefix: false } : term
    })

  return (query, limit = 50) => {
    const terms = settleTypedWords(parseSearchQuery(query))
    if (terms.length === 0) return []
    const match = toFtsQuery(terms)
    const hits: Scored[] = []
    for (const row of statements.titles.all(markOpen, markClose, match, limit)) {
      const title = row as { id: string; title: string; updated_at: number; marked: string }
      hits.push({
        sessionId: title.id,
        title: title.title,
        updatedAt: title.updated_at,
        messageId: null,
        ...unmark(title.marked),
        score: (row as { score: number }).score * titleWeight,
        rowid: null,
      })
    }
    hits.push(...rankMessages(match, terms, limit))
    // Ties go to the newer session.
    hits.sort((a, b) => a.score - b.score || b.updatedAt - a.updatedAt)
    const chosen = hits.slice(0, limit)
    const rowids = chosen.flatMap((hit) => (hit.rowid === null ? [] : [hit.rowid]))
    const marked = new Map<number, string>()
    if (rowids.length > 0) {
      const rows = statements.snippets.all(
        markOpen,
        markClose,
        match,
        JSON.stringify(rowids),
        rowids.length,
      ) as { n: number; marked: string }[]
      for (const row of rows) marked.set(row.n, row.marked)
    }
    return chosen.map(({ score: _score, rowid, ...hit }) =>
      rowid === null ? hit : { ...hit, ...unmark(marked.get(rowid) ?? '') },
    )
  }
}

/**
 * Search without FTS5: every term as a LIKE filter (ASCII case-insensitive), then checked word
 * by word as the index would; newest first, titles before messages. Slower on a long history,
 * but it finds what the index would, diacritic folding aside.
 */
function createScanSearch(db: DatabaseSync): StoreOps['search'] {
  const like = (term: SearchTerm) => `%${term.tokens.join('%')}%`
  const matchesAll = (text: string, terms: SearchTerm[]) =>
    terms.every((term) => findMatches(text, [term]).length > 0)

  return (query, limit = 50) => {
    const terms = parseSearchQuery(query)
    if (terms.length === 0) return []
    const filters = (column: string) => terms.map(() => `${column} LIKE ?`).join(' AND ')
    const patterns = terms.map(like)
    const hits: SearchHit[] = []
    const titles = db.prepare(
      `SELECT id, title, updated_at FROM sessions WHERE deleted = 0 AND ${filters('title')}
       ORDER BY updated_at DESC`,
    )
    for (const row of titles.iterate(...patterns)) {
      const session = row as { id: string; title: string; updated_at: number }
      if (!matchesAll(session.title, terms)) continue
      hits.push({
        sessionId: session.id,
        title: session.title,
        updatedAt: session.updated_at,
        messageId: null,
        snippet: session.title,
        highlights: findMatches(session.title, terms),
      })
      if (hits.length >= limit) return hits
    }
    const messages = db.prepare(
      `SELECT m.id, m.session_id, m.content, s.title, s.updated_at
       FROM messages m JOIN sessions s ON s.id = m.session_id
       WHERE s.deleted = 0 AND m.status <> 'streaming' AND ${filters('m.content')}
       ORDER BY m.n DESC`,
    )
    for (const row of messages.iterate(...patterns)) {
      const message = row as {
        id: string
        session_id: string
        content: string
        title: string
        updated_at: number
      }
      if (!matchesAll(message.content, terms)) continue
      hits.push({
        sessionId: message.session_id,
        title: message.title,
        updatedAt: message.updated_at,
        messageId: message.id,
        ...excerpt(message.content, terms),
      })
      if (hits.length >= limit) break
    }
    return hits
  }
}
