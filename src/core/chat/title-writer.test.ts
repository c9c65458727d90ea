import { describe, expect, it } from 'vitest'
import { cleanTitle } from './title-writer.ts'

describe('cleanTitle', () => {
  it('keeps the first line without quotes, markdown, a "Title:" label or a final period', () => {
    expect(cleanTitle('"Rust lifetimes explained."\n')).toBe('Rust lifetimes explained')
    expect(cleanTitle('\n## **Title: Bash loops**')).toBe('Bash loops')
    expect(cleanTitle('“Café recommendations in Köln”')).toBe('Café recommendations in Köln')
  })

  it('gives up on an empty reply and shortens a rambling one', () => {
    expect(cleanTitle('  \n ')).toBeNull()
    expect(cleanTitle('"."')).toBeNull()
    const long = cleanTitle('word '.repeat(40))
    expect(long?.length).toBeLessThanOrEqual(80)
    expect(long?.endsWith('…')).toBe(true)
  })
})
