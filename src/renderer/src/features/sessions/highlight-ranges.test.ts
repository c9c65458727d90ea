import { describe, expect, it } from 'vitest'
import { splitHighlights } from './highlight-ranges.ts'

/** The snippet as it reads, with highlighted parts in brackets. */
const read = (text: string, ranges: Array<[number, number]>) =>
  splitHighlights(text, ranges)
    .map((part) => (part.marked ? `[${part.text}]` : part.text))
    .join('')

describe('splitHighlights', () => {
  it('marks each range', () => {
    expect(
      read('the borrow checker borrows', [
        [4, 10],
        [19, 26],
      ]),
    ).toBe('the [borrow] checker [borrows]')
  })

  it('sorts, merges and clamps ranges it cannot trust', () => {
    expect(
      read('abcdefgh', [
        [5, 99],
        [1, 3],
        [2, 4],
        [4, 5],
        [-3, 0],
        [6, 6],
      ]),
    ).toBe('a[bcdefgh]')
  })

  it('keeps the text whole when nothing matched', () => {
    expect(splitHighlights('plain', [])).toEqual([{ text: 'plain', marked: false }])
  })
})
