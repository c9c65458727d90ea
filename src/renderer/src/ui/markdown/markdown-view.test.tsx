import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createManualFrames } from '../../testing/manual-frames.ts'
import { createCodeHighlighter, type HighlightCode } from './code-highlighter.ts'
import { highlightCode } from './highlight-code.ts'
import { MarkdownView, type MarkdownViewProps } from './markdown-view.tsx'
import { markdownItRenderer } from './markdown-parser.ts'
import { createMarkdownRenderer, type MarkdownRenderer } from './render-markdown.ts'

afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

/** A renderer that records what it renders, on a highlighter the test lets arrive. */
function recordingRenderer() {
  let arrive: () => void = () => {}
  const gate = new Promise<void>((resolve) => (arrive = resolve))
  const inner = createMarkdownRenderer(
    createCodeHighlighter({ load: () => gate.then((): HighlightCode => highlightCode) }),
    markdownItRenderer,
  )
  const rendered: string[] = []
  const renderer: MarkdownRenderer = {
    ...inner,
    render(source, options) {
      rendered.push(source)
      return inner.render(source, options)
    },
  }
  const highlighterArrives = () =>
    act(async () => {
      arrive()
      await gate
    })
  return { renderer, rendered, highlighterArrives }
}

/** A streaming view on frames the test steps by hand. */
function streamingView(props: Partial<MarkdownViewProps> = {}) {
  const frames = createManualFrames()
  const { renderer, rendered, highlighterArrives } = recordingRenderer()
  const element = (text: string, streaming = true) => (
    <MarkdownView
      text={text}
      streaming={streaming}
      renderer={renderer}
      scheduleFrame={frames.scheduleFrame}
      {...props}
    />
  )
  const view = render(element(''))
  return {
    view,
    rendered,
    highlighterArrives,
    update: (text: string, streaming = true) => view.rerender(element(text, streaming)),
    nextFrame: () => act(() => frames.run()),
  }
}

describe('MarkdownView', () => {
  it('renders only the open last block again as an answer grows', () => {
    const { view, rendered, update, nextFrame } = streamingView()
    const first = 'First paragraph.\n\n```js\nlet a\n\nlet b\n```\n\nThe end is'
    update(first)
    nextFrame()
    expect(rendered).toEqual(['First paragraph.', '```js\nlet a\n\nlet b\n```', 'The end is'])

    rendered.length = 0
    update(`${first} near`)
    nextFrame()
    update(`${first} near.\n\nMore`)
    nextFrame()
    expect(rendered).toEqual(['The end is near', 'The end is near.', 'More'])
    expect(view.container.querySelectorAll('.md-block')).toHaveLength(4)
    expect(view.container.querySelector('pre code')?.textContent).toBe('let a\n\nlet b\n')
  })

  it('draws at most once a frame, with the newest text, however often the text changes', () => {
    const { view, rendered, update, nextFrame } = streamingView()
    const shown = () => view.container.textContent
    // The first change in a frame is drawn at once: no waiting when changes come a frame apart.
    update('Hel')
    expect(shown()).toBe('Hel')
    update('Hello')
    update('Hello, wor')
    expect(shown()).toBe('Hel')

    // This frame paints "Hel"; the held text is drawn in the next one, as its only update.
    nextFrame()
    expect(shown()).toBe('Hel')
    nextFrame()
    expect(shown()).toBe('Hello, wor')

    update('Hello, world')
    update('Hello, world!')
    expect(shown()).toBe('Hello, wor')
    nextFrame()
    expect(shown()).toBe('Hello, world!')
    nextFrame()
    expect(rendered).toEqual(['Hel', 'Hello, wor', 'Hello, world!'])

    // Quiet for a frame: the next change is drawn at once again.
    update('Hello, world! Bye')
    expect(shown()).toBe('Hello, world! Bye')
  })

  it('shows the whole answer at once when streaming ends, without waiting for a frame', () => {
    const { view, update } = streamingView()
    update('Almost')
    update('Almost done.\n\nReally done.', false)
    expect(view.container.querySelectorAll('p')).toHaveLength(2)
    expect(view.container.textContent).toBe('Almost done.Really done.')
  })

  it('shows GitHub-flavoured markdown people can use, once markdown-it has loaded', async () => {
    render(
      <MarkdownView
        text={
          '- [x] tests written\n- [ ] release notes\n\n| Name | Value |\n|---|--:|\n| a | 1 |\n\n' +
          'Use ~~npm~~ pnpm, see https://example.com/docs or [this](javascript:alert(1)).'
        }
      />,
    )
    // Plain text first: the app's renderer loads markdown-it as a chunk of its own.
    expect(screen.getByText(/- \[x\] tests written/)).toBeTruthy()
    const done = (await screen.findByRole('checkbox', {
      name: 'tests written',
    })) as HTMLInputElement
    const notes = screen.getByRole('checkbox', { name: 'release notes' }) as HTMLInputElement
    expect([done.checked, done.disabled, notes.checked, notes.disabled]).toEqual([
      true,
      true,
      false,
      true,
    ])
    expect(screen.getByRole('table')).toBeTruthy()
    expect(screen.getByRole('cell', { name: '1' }).className).toBe('md-align-right')
    expect(screen.getByText('npm').tagName).toBe('S')
    const link = screen.getByRole('link', { name: 'https://example.com/docs' })
    expect(link.getAttribute('target')).toBe('_blank')
    expect(screen.getAllByRole('link')).toHaveLength(1)
    expect(screen.getByText(/\[this\]\(javascript:alert\(1\)\)/)).toBeTruthy()
  })

  it('leaves raw HTML inert in the page', () => {
    const view = render(
      <MarkdownView text={'<img src=x onerror="alert(1)"> <script>x()</script>'} />,
    )
    expect(view.container.querySelector('img, script')).toBeNull()
    expect(view.container.textContent).toBe('<img src=x onerror="alert(1)"> <script>x()</script>')
  })
})

describe('MarkdownView code blocks', () => {
  const code = 'const greeting = "<hi>"\n\nconsole.log(greeting)'

  it('copies exactly the code, not its markup, and says so for two seconds', async () => {
    const { renderer, highlighterArrives } = recordingRenderer()
    const copied: string[] = []
    const writeText = async (text: string) => void copied.push(text)
    const view = render(
      <MarkdownView
        text={`Run this:\n\n\`\`\`ts\n${code}\n\`\`\`\n\nThen this.`}
        renderer={renderer}
        writeText={writeText}
      />,
    )
    await highlighterArrives()
    expect(view.container.querySelector('pre code .hljs-string')).not.toBeNull()

    vi.useFakeTimers()
    const button = screen.getByRole('button', { name: 'Copy' })
    button.focus()
    await act(async () => fireEvent.click(button))
    expect(copied).toEqual([code])
    expect(screen.getByRole('status').textContent).toBe('Copied')

    await act(async () => vi.advanceTimersByTime(1900))
    expect(screen.getByRole('status').textContent).toBe('Copied')
    await act(async () => vi.advanceTimersByTime(200))
    expect(screen.getByRole('status').textContent).toBe('')
    // Still the same control, with the same name and focus, for the next copy.
    expect(screen.getByRole('button', { name: 'Copy' })).toBe(button)
    expect(document.activeElement).toBe(button)
  })

  it('copies through the system clipboard by default', async () => {
    render(<MarkdownView text={`\`\`\`\n${code}\n\`\`\``} />)
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Copy' })))
    expect(await navigator.clipboard.readText()).toBe(code)
  })

  it('selects the code and says which keys to press when the clipboard refuses', async () => {
    const writeText = () => Promise.reject(new Error('denied'))
    render(<MarkdownView text={`\`\`\`\nnpm test\n\`\`\``} writeText={writeText} />)
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Copy' })))
    expect(screen.getByRole('status').textContent).toMatch(/^Press (Ctrl|Cmd)\+C to copy$/)
    expect(window.getSelection()?.toString()).toBe('npm test\n')
  })

  it('streams a fence as plain code, then offers Copy and highlighting once it closes', async () => {
    const { view, rendered, update, nextFrame, highlighterArrives } = streamingView()
    const spans = () => view.container.querySelectorAll('[class^="hljs-"]')

    update('Here:\n\n```ts\nconst a = 1\nconst b')
    nextFrame()
    expect(view.container.querySelector('pre code')?.textContent).toBe('const a = 1\nconst b')
    expect(view.container.querySelector('.md-code-language')?.textContent).toBe('ts')
    expect(screen.queryByRole('button', { name: 'Copy' })).toBeNull()
    expect(spans()).toHaveLength(0)

    update('Here:\n\n```ts\nconst a = 1\nconst b = 2\n```\n\nDone')
    nextFrame()
    expect(screen.getByRole('button', { name: 'Copy' })).toBeTruthy()
    // Closed, but highlight.js has not arrived yet: plain until it does.
    expect(spans()).toHaveLength(0)

    rendered.length = 0
    await highlighterArrives()
    expect(view.container.querySelector('pre code .hljs-keyword')?.textContent).toBe('const')
    expect(view.container.querySelector('pre code')?.textContent).toBe('const a = 1\nconst b = 2\n')
    // Only the block that waited for it was drawn again.
    expect(rendered).toEqual(['```ts\nconst a = 1\nconst b = 2\n```'])
  })

  it('touches only the last lines of a long fence as it streams', () => {
    const { view, update, nextFrame } = streamingView()
    const lines = Array.from({ length: 200 }, (_, index) => `line ${index}`)
    update(`\`\`\`text\n${lines.slice(0, 150).join('\n')}`)
    nextFrame()
    const pieces = () => [...view.container.querySelectorAll('pre code > span')]
    const before = pieces()
    expect(before).toHaveLength(3)
    const firstText = before[0]?.firstChild

    update(`\`\`\`text\n${lines.join('\n')}`)
    nextFrame()
    const after = pieces()
    expect(after).toHaveLength(4)
    expect(after[0]).toBe(before[0])
    expect(after[0]?.firstChild).toBe(firstText)
    expect(view.container.querySelector('pre code')?.textContent).toBe(lines.join('\n'))
  })
})
