import { describe, expect, it } from 'vitest'
import { parseSearchQuery, toFtsQuery } from './search-query.ts'
import { excerpt, unmark } from './search-snippet.ts'

const fts = (text: string) => toFtsQuery(parseSearchQuery(text))

describe('search queries from free text', () => {
  it('makes plain words prefixes and keeps phrases exact unless starred', () => {
    expect(fts('hello wor')).toBe('"hello"* "wor"*')
    expect(fts('"fine grounds" espresso')).toBe('"fine grounds" "espresso"*')
    expect(fts('"fine gro"*')).toBe('"fine gro"*')
    expect(fts('"fine gro*"')).toBe('"fine gro"*')
    expect(fts('"still typing')).toBe('"still typing"*')
  })

  it('turns operators and punctuation into plain words or separators', () => {
    expect(fts('NEAR(a b) AND -x title:foo')).toBe('"NEAR a" "b" "AND"* "x" "title foo"*')
    expect(fts('foo-bar "a""b"')).toBe('"foo bar"* "a" "b"')
    expect(fts('😀 * - " ""')).toBe('')
  })

  it('tells plain words, which are prefixes only as people type, from asked-for prefixes', () => {
    expect(parseSearchQuery('this that* "what"*').map((t) => [t.prefix, t.asTyped])).toEqual([
      [true, true],
      [true, false],
      [true, false],
    ])
  })

  it('matches one letter exactly and drops repeated terms', () => {
    expect(fts('a b ab ab AB')).toBe('"a" "b" "ab"*')
  })

  it('keeps at most 16 terms', () => {
    const words = Array.from({ length: 30 }, (_, i) => `w${i}`).join(' ')
    expect(parseSearchQuery(words)).toHaveLength(16)
  })
})

describe('snippets', () => {
  it('turns SQLite markers into ranges of the unmarked text', () => {
    expect(unmark('a \uFDD0big\uFDD1 cat \uFDD0sat\uFDD1')).toEqual({
      snippet: 'a big cat sat',
      highlights: [
        [2, 5],
        [10, 13],
      ],
    })
  })

  it('counts ranges in UTF-16 units, as String#slice does', () => {
    const { snippet, highlights } = unmark('😀 \uFDD0café\uFDD1')
    const [range] = highlights
    expect(snippet.slice(range?.[0], range?.[1])).toBe('café')
  })

  it('excerpts a long text around the first match (scan without FTS5)', () => {
    const text = `${'lorem '.repeat(200)}the needle is here ${'ipsum '.repeat(200)}`
    const { snippet, highlights } = excerpt(text, parseSearchQuery('needle'))
    expect(snippet.length).toBeLessThanOrEqual(202)
    expect(snippet.startsWith('…') && snippet.endsWith('…')).toBe(true)
    expect(highlights.map(([s, e]) => snippet.slice(s, e))).toEqual(['needle'])
  })
})
