import { describe, expect, it } from 'vitest'
import { createCodeHighlighter, type HighlightCode } from './code-highlighter.ts'
import { markdownItRenderer } from './markdown-parser.ts'
import { createMarkdownRenderer } from './render-markdown.ts'
import { warmUpMarkdown } from './warm-up.ts'

describe('warmUpMarkdown', () => {
  it('loads both, runs the parser once and compiles each language, one slice per idle period', async () => {
    const log: string[] = []
    const highlightCode: HighlightCode = (code, language) => {
      log.push(`highlight ${language}`)
      return code
    }
    const highlighter = createCodeHighlighter({
      load: () => {
        log.push('load highlighter')
        return Promise.resolve(highlightCode)
      },
      scheduleFrame: () => {},
    })
    const renderer = createMarkdownRenderer(highlighter, (h) => {
      log.push('load parser')
      const render = markdownItRenderer(h)
      return Promise.resolve((source, env) => {
        log.push('render')
        return render(source, env)
      })
    })
    await warmUpMarkdown({
      renderer,
      highlighter,
      languages: () => Promise.resolve(['python', 'rust']),
      idle: () => {
        log.push('idle')
        return Promise.resolve()
      },
    })
    expect(log).toEqual([
      'idle',
      'load parser',
      'idle',
      'render',
      'idle',
      'load highlighter',
      'idle',
      'highlight python',
      'idle',
      'highlight rust',
    ])
  })

  it('still compiles the languages when markdown-it cannot load', async () => {
    const compiled: string[] = []
    const highlighter = createCodeHighlighter({
      load: () => Promise.resolve((code, language) => (compiled.push(language), code)),
      scheduleFrame: () => {},
    })
    const renderer = createMarkdownRenderer(highlighter, () => Promise.reject(new Error('gone')))
    await warmUpMarkdown({
      renderer,
      highlighter,
      languages: () => Promise.resolve(['go']),
      idle: () => Promise.resolve(),
    })
    expect(compiled).toEqual(['go'])
  })
})
