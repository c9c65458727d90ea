import { describe, expect, it } from 'vitest'
import { createBlockSplitter, splitBlocks } from './split-blocks.ts'

describe('splitBlocks', () => {
  it('splits top-level blocks at blank lines', () => {
    expect(splitBlocks('# Title\n\nFirst paragraph\nstill first\n\n\n- a\n- b\n')).toEqual([
      '# Title',
      'First paragraph\nstill first',
      '- a\n- b',
    ])
  })

  it('never splits inside a backtick or tilde fence', () => {
    const backticks = '```js\nconst a = 1\n\n\nconst b = 2\n```'
    const tildes = '~~~~\nx\n\n```\nnot a close\n\ny\n~~~~'
    expect(splitBlocks(`Intro\n\n${backticks}\n\n${tildes}\n\nOutro`)).toEqual([
      'Intro',
      backticks,
      tildes,
      'Outro',
    ])
  })

  it('needs a closing fence at least as long as the opening one', () => {
    const fence = '````\na\n\n```\n\nb\n````'
    expect(splitBlocks(`${fence}\n\nafter`)).toEqual([fence, 'after'])
  })

  it('keeps an unclosed fence open to the end', () => {
    expect(splitBlocks('Text\n\n```py\nprint(1)\n\n\nprint(2)')).toEqual([
      'Text',
      '```py\nprint(1)\n\n\nprint(2)',
    ])
  })

  it('treats ```x``` on one line as inline code, not a fence', () => {
    expect(splitBlocks('```x```\n\nnext')).toEqual(['```x```', 'next'])
  })

  it('keeps indented continuations with the block above', () => {
    expect(splitBlocks('1. Step\n\n    more about the step\n\n2. Next')).toEqual([
      '1. Step\n\n    more about the step',
      '2. Next',
    ])
  })

  it('returns nothing for blank text', () => {
    expect(splitBlocks('')).toEqual([])
    expect(splitBlocks('\n  \n')).toEqual([])
  })
})

describe('createBlockSplitter', () => {
  const answer =
    'Here is a plan.\n\n## Steps\n\n1. One\n2. Two\n\n```ts\nconst x = 1\n\nconst y = 2\n```\n\n' +
    '| a | b |\n|---|---|\n| 1 | 2 |\n\n~~~\nz\n\n~~~\n\nDone.'

  it('agrees with a full split at every length as the text grows', () => {
    const split = createBlockSplitter()
    for (let end = 0; end <= answer.length; end++) {
      const text = answer.slice(0, end)
      expect(split(text)).toEqual(splitBlocks(text))
    }
  })

  it('agrees with a full split when the text is replaced', () => {
    const split = createBlockSplitter()
    split(answer)
    expect(split('Something else\n\nentirely')).toEqual(['Something else', 'entirely'])
  })

  it('returns the same array while the text is unchanged', () => {
    const split = createBlockSplitter()
    expect(split(answer)).toBe(split(answer))
  })
})
