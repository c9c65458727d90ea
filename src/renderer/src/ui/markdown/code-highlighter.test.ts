import { describe, expect, it } from 'vitest'
import { createManualFrames } from '../../testing/manual-frames.ts'
import { createCodeHighlighter, type HighlightCode } from './code-highlighter.ts'
import { highlightCode } from './highlight-code.ts'

/** Loads at once; each highlight "takes" `cost` ms on a clock the test owns. */
async function readyHighlighter({ cost = 0, budgetMs = 8 } = {}) {
  let time = 0
  const frames = createManualFrames()
  const calls: string[] = []
  const highlight: HighlightCode = (code) => {
    calls.push(code)
    time += cost
    return `<span class="hljs-keyword">${code}</span>`
  }
  const highlighter = createCodeHighlighter({
    load: () => Promise.resolve(highlight),
    now: () => time,
    scheduleFrame: frames.scheduleFrame,
    budgetMs,
  })
  highlighter.highlight('warm up', 'ts')
  await new Promise<void>((resolve) => highlighter.subscribe(resolve))
  calls.length = 0
  return { highlighter, frames, calls, advance: (ms: number) => (time += ms) }
}

describe('code highlighter', () => {
  it('loads highlight.js once, on the first fence that names a language', async () => {
    let loads = 0
    const highlighter = createCodeHighlighter({
      load: () => {
        loads++
        return Promise.resolve(highlightCode)
      },
    })
    expect(loads).toBe(0)
    expect(highlighter.highlight('let a = 1', 'js')).toEqual({ kind: 'pending' })
    expect(highlighter.highlight('let b = 2', 'js')).toEqual({ kind: 'pending' })
    await new Promise<void>((resolve) => highlighter.subscribe(resolve))
    expect(highlighter.highlight('let a = 1', 'js').kind).toBe('highlighted')
    expect(loads).toBe(1)
  })

  it('preloads ahead of need, so the first fence is highlighted at once', async () => {
    let loads = 0
    const highlighter = createCodeHighlighter({
      load: () => {
        loads++
        return Promise.resolve(highlightCode)
      },
    })
    highlighter.preload()
    highlighter.preload()
    await new Promise<void>((resolve) => highlighter.subscribe(resolve))
    expect(loads).toBe(1)
    expect(highlighter.highlight('let a = 1', 'js')).toMatchObject({ kind: 'highlighted' })
  })

  it('spreads highlighting over frames once a frame has had its share', async () => {
    const { highlighter, frames, calls, advance } = await readyHighlighter({ cost: 5 })
    const woken: number[] = []
    highlighter.subscribe(() => woken.push(highlighter.version()))

    expect(highlighter.highlight('a', 'ts').kind).toBe('highlighted')
    expect(highlighter.highlight('b', 'ts').kind).toBe('highlighted')
    // 10 ms spent in this frame, over the 8 ms budget: the rest waits.
    expect(highlighter.highlight('c', 'ts')).toEqual({ kind: 'pending' })
    expect(highlighter.highlight('d', 'ts')).toEqual({ kind: 'pending' })
    expect(calls).toEqual(['a', 'b'])

    advance(16)
    frames.run()
    expect(woken).toHaveLength(1)
    expect(highlighter.highlight('c', 'ts').kind).toBe('highlighted')
    // What was highlighted before is remembered, not highlighted again.
    expect(highlighter.highlight('a', 'ts').kind).toBe('highlighted')
    expect(calls).toEqual(['a', 'b', 'c'])
  })

  it("gives one long task one frame's budget, however long it runs", async () => {
    const { highlighter, frames, calls, advance } = await readyHighlighter({ cost: 5 })
    // A conversation opening renders many fences in one task; wall time passes meanwhile.
    expect(highlighter.highlight('a', 'ts').kind).toBe('highlighted')
    advance(20)
    expect(highlighter.highlight('b', 'ts').kind).toBe('highlighted')
    advance(20)
    expect(highlighter.highlight('c', 'ts')).toEqual({ kind: 'pending' })
    expect(calls).toEqual(['a', 'b'])

    frames.run()
    expect(highlighter.highlight('c', 'ts').kind).toBe('highlighted')
  })

  it('leaves code too long to highlight in one go plain, without loading anything', () => {
    let loads = 0
    const highlighter = createCodeHighlighter({
      load: () => {
        loads++
        return Promise.resolve(highlightCode)
      },
      maxLength: 100,
    })
    expect(highlighter.highlight('x'.repeat(101), 'ts')).toEqual({ kind: 'plain' })
    expect(loads).toBe(0)
  })

  it('falls back to plain code when highlight.js cannot be loaded', async () => {
    const highlighter = createCodeHighlighter({ load: () => Promise.reject(new Error('offline')) })
    expect(highlighter.highlight('x', 'ts')).toEqual({ kind: 'pending' })
    await new Promise<void>((resolve) => highlighter.subscribe(resolve))
    expect(highlighter.highlight('x', 'ts')).toEqual({ kind: 'plain' })
  })

  it('knows the languages models write most, by their usual names', () => {
    const samples: Record<string, string> = {
      ts: 'const a: number = 1',
      tsx: 'const a: number = 1',
      typescript: 'interface A { b: string }',
      js: 'const a = 1',
      javascript: 'function f() { return 1 }',
      json: '{ "a": true }',
      python: 'def f():\n    return 1',
      py: 'import os',
      bash: 'if true; then echo hi; fi',
      sh: 'for f in *; do echo $f; done',
      shell: '$ ls -la',
      console: '$ npm test',
      go: 'func main() { return }',
      rust: 'fn main() { let a = 1; }',
      rs: 'fn main() {}',
      java: 'public class A { }',
      c: 'int main(void) { return 0; }',
      cpp: 'int main() { return 0; }',
      'c++': 'int main() { return 0; }',
      csharp: 'public class A { }',
      cs: 'public class A { }',
      html: '<div class="a">x</div>',
      xml: '<a b="c"/>',
      css: '.a { color: red; }',
      sql: 'SELECT * FROM t WHERE a = 1',
      yaml: 'a: 1\nb: [x]',
      yml: 'a: true',
      diff: '--- a\n+++ b\n-old\n+new',
      markdown: '# Title\n\n**bold**',
      md: '- item',
      TS: 'const a = 1',
    }
    for (const [language, code] of Object.entries(samples)) {
      const html = highlightCode(code, language.toLowerCase())
      expect(html, language).toMatch(/<span class="hljs-/)
      expect(html, language).not.toMatch(/style=/)
    }
    expect(highlightCode('x', 'brainfudge')).toBeUndefined()
  })

  it('escapes the code it highlights', () => {
    const html = highlightCode('const s = "</code><img src=x onerror=alert(1)>"', 'ts') ?? ''
    const host = document.createElement('code')
    host.innerHTML = html
    expect(host.querySelector('img')).toBeNull()
    expect(host.textContent).toBe('const s = "</code><img src=x onerror=alert(1)>"')
  })
})
