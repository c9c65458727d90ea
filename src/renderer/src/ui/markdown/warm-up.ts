import { whenIdle } from '../../when-idle.ts'
import { defaultCodeHighlighter, type CodeHighlighter } from './code-highlighter.ts'
import { defaultMarkdownRenderer, type MarkdownRenderer } from './render-markdown.ts'

// Every kind of block a model writes, so each of markdown-it's rules has run once.
const sampleMarkdown = `# Heading

A paragraph with **bold**, *emphasis*, \`code\`, ~~strike~~ and a [link](https://example.com).

1. First
2. Second
   - nested

- [x] done
- [ ] to do

> A quote.

| Left | Right |
| :--- | ----: |
| a    |     b |

\`\`\`
a fence without a language (the highlighter warms up on its own)
\`\`\`

    indented code
`

export type WarmUpOptions = {
  renderer?: MarkdownRenderer
  highlighter?: CodeHighlighter
  /** The languages to compile; by default every one the highlighter registers. */
  languages?: () => Promise<readonly string[]>
  /** Resolves when the window has time to spare; one slice of work follows each. */
  idle?: () => Promise<void>
}

/**
 * Loads markdown-it and highlight.js while the window is idle, then runs each once: their first
 * run is slow (markdown-it's rules are compiled by V8, each highlight.js grammar by highlight.js,
 * 2–10 ms a language), and without this it lands in the first conversation opened (issue 5).
 * One slice per idle period, so a keystroke or a frame never waits for more than one.
 */
export async function warmUpMarkdown({
  renderer = defaultMarkdownRenderer,
  highlighter = defaultCodeHighlighter,
  languages = () => import('./highlight-code.ts').then((module) => module.languageNames),
  idle = () => whenIdle(2_000),
}: WarmUpOptions = {}): Promise<void> {
  await idle()
  await renderer.preload()
  await idle()
  renderer.render(sampleMarkdown)
  await idle()
  await highlighter.preload()
  for (const language of await languages()) {
    await idle()
    highlighter.highlight('x', language)
  }
}
