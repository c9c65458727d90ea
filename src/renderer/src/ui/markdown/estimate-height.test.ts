import { describe, expect, it } from 'vitest'
import { estimateBlocksEm } from './estimate-height.ts'

describe('estimateBlocksEm', () => {
  it('grows with the lines the text will wrap into, not just its newlines', () => {
    const short = estimateBlocksEm(['One short line.'])
    const wrapped = estimateBlocksEm(['word '.repeat(90)])
    const twoLines = estimateBlocksEm(['One line.\nAnother line.'])
    expect(wrapped).toBeGreaterThan(short)
    expect(twoLines).toBeGreaterThan(short)
  })

  it('counts blank lines and the gap between blocks', () => {
    expect(estimateBlocksEm(['a', 'b'])).toBeGreaterThan(estimateBlocksEm(['a']))
    expect(estimateBlocksEm(['a\n\n\nb'])).toBeGreaterThan(estimateBlocksEm(['a\nb']))
  })

  it('puts a 200-line code block within a factor of two of its drawn height', () => {
    // Drawn at 1.5em a line plus its toolbar: about 300em.
    const code = ['```ts', ...Array.from({ length: 200 }, (_, i) => `const a${i} = ${i}`), '```']
    const em = estimateBlocksEm([code.join('\n')])
    expect(em).toBeGreaterThan(150)
    expect(em).toBeLessThan(600)
  })
})
