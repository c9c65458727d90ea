import { describe, expect, it } from 'vitest'
import { createLineChunker } from './chunk-lines.ts'

describe('createLineChunker', () => {
  const text = Array.from({ length: 10 }, (_, index) => `line ${index}`).join('\n')

  it('cuts whole lines into pieces that stay the same as the text grows', () => {
    const chunk = createLineChunker(3)
    const early = chunk(text.slice(0, 40))
    const late = chunk(text)
    expect(late.join('')).toBe(text)
    expect(late).toEqual([
      'line 0\nline 1\nline 2\n',
      'line 3\nline 4\nline 5\n',
      'line 6\nline 7\nline 8\n',
      'line 9',
    ])
    expect(late[0]).toBe(early[0])
  })

  it('agrees with cutting from scratch at every length, and when the text is replaced', () => {
    const chunk = createLineChunker(3)
    for (let end = 0; end <= text.length; end++) {
      expect(chunk(text.slice(0, end))).toEqual(createLineChunker(3)(text.slice(0, end)))
    }
    expect(chunk('other\ntext')).toEqual(['other\ntext'])
  })
})
