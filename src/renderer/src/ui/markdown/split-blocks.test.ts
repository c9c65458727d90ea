import { describe, expect, it } from 'vitest'
import { sampleAnswer, sampleSection } from './sample-answer.ts'
import { blocksPerPage, createBlockSplitter, splitBlocks, type BlockSplit } from './split-blocks.ts'

const blocksOf = ({ pages, tail }: BlockSplit) =>
  tail === undefined ? pages.flat() : [...pages.flat(), tail]

/** A small seeded generator, so a failing growth sequence can be replayed. */
function random(seed: number) {
  let state = seed
  return (below: number) => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state % below
  }
}

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

  it('reads text with Windows line ends the same way', () => {
    expect(splitBlocks('Intro\r\n\r\n```js\r\nlet a\r\n\r\nlet b\r\n```\r\n\r\nOutro')).toEqual([
      'Intro\r',
      '```js\r\nlet a\r\n\r\nlet b\r\n```\r',
      'Outro',
    ])
  })

  it('returns nothing for blank text', () => {
    expect(splitBlocks('')).toEqual([])
    expect(splitBlocks('\n  \n')).toEqual([])
  })
})

describe('createBlockSplitter', () => {
  const answer = sampleAnswer(6_000)

  it('agrees with a one-shot split at every length as the text grows', () => {
    const split = createBlockSplitter()
    const start = answer.slice(0, 2_500)
    for (let end = 0; end <= start.length; end++) {
      const text = start.slice(0, end)
      expect(blocksOf(split(text))).toEqual(splitBlocks(text))
    }
  })

  it('agrees with a one-shot split however the text arrives in pieces', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const next = random(seed)
      const split = createBlockSplitter()
      let end = 0
      while (end < answer.length) {
        // Mostly token-sized pieces, now and then a burst, as batched deltas are.
        end = Math.min(answer.length, end + 1 + (next(8) === 0 ? next(400) : next(12)))
        const text = answer.slice(0, end)
        const fresh = createBlockSplitter()(text)
        const grown = split(text)
        expect(blocksOf(grown), `seed ${seed}, length ${end}`).toEqual(blocksOf(fresh))
        expect(grown.openFence, `seed ${seed}, length ${end}`).toEqual(fresh.openFence)
      }
    }
  })

  it('reports the tail as an open fence only while a column-0 fence is unclosed', () => {
    const split = createBlockSplitter()
    expect(split('Intro\n\n```py').openFence).toEqual({ info: 'py', code: '' })
    expect(split('Intro\n\n```python\nprint(1)\n\nprint(2)').openFence).toEqual({
      info: 'python',
      code: 'print(1)\n\nprint(2)',
    })
    expect(split('Intro\n\n```python\nprint(1)\n\nprint(2)\n```').openFence).toBeUndefined()
    expect(split('Intro\n\n  ```python\nprint(1)').openFence).toBeUndefined()
    expect(split('1. Step\n   ```sh\n   npm i').openFence).toBeUndefined()
  })

  it('starts again from scratch when the text is not the old text plus more', () => {
    const split = createBlockSplitter()
    split(answer)
    expect(blocksOf(split('Something else\n\nentirely'))).toEqual(['Something else', 'entirely'])
    const edited = `${answer.slice(0, 100)}#${answer.slice(101)}\n\nmore`
    expect(blocksOf(split(answer))).toEqual(splitBlocks(answer))
    expect(blocksOf(split(edited))).toEqual(splitBlocks(edited))
  })

  it('returns the same result while the text is unchanged', () => {
    const split = createBlockSplitter()
    expect(split(answer)).toBe(split(answer))
  })

  it('keeps every full page of finished blocks as the same array while the text grows', () => {
    const split = createBlockSplitter()
    const text = sampleAnswer(40_000)
    const before = split(text.slice(0, 20_000))
    const after = split(text)
    const fullPages = before.pages.filter((page) => page.length === blocksPerPage)
    expect(fullPages.length).toBeGreaterThan(2)
    fullPages.forEach((page, index) => expect(after.pages[index]).toBe(page))
  })
})

describe('work per update', () => {
  // The same section repeated, so a cut at the same place in a section looks the same locally
  // whatever lies before it.
  const section = sampleSection()
  const answer = section.repeat(Math.ceil(1_000_000 / section.length) + 4)
  const delta = 25

  /** Characters examined by each of `updates` updates after the first `prefix` characters. */
  function workAfter(prefix: number, updates = 3 * Math.ceil(section.length / delta)) {
    const work: number[] = []
    const split = createBlockSplitter({ onScan: (characters) => work.push(characters) })
    split(answer.slice(0, prefix))
    work.length = 0
    for (let step = 1; step <= updates; step++) split(answer.slice(0, prefix + step * delta))
    return work
  }

  it('is the same at 1 KB, 100 KB and 1 MB of answer, and bounded by what was appended', () => {
    const start = (size: number) => Math.floor(size / section.length) * section.length
    const small = workAfter(start(1_000) || section.length)
    const medium = workAfter(start(100_000))
    const large = workAfter(start(1_000_000))
    expect(medium).toEqual(small)
    expect(large).toEqual(small)
    // Each update reads its own 25 characters plus the unfinished last line of the sample,
    // none of which is longer than a line of this answer.
    expect(Math.max(...large)).toBeLessThan(4 * 120)
  })

  it('reads a 1 MB answer streamed in small pieces about once over in all', () => {
    let total = 0
    const split = createBlockSplitter({ onScan: (characters) => (total += characters) })
    const length = 1_000_000
    for (let end = 1_000; end <= length; end += 1_000) split(answer.slice(0, end))
    expect(total).toBeLessThan(3 * length)
    // Whereas a splitter that scanned from the start each time would read it 500 times over.
    let once = 0
    createBlockSplitter({ onScan: (characters) => (once += characters) })(answer.slice(0, length))
    expect(once).toBeGreaterThanOrEqual(length)
  })
})
