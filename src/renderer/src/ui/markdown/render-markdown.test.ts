import { getByRole, queryAllByRole } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { createCodeHighlighter, type HighlightCode } from './code-highlighter.ts'
import { highlightCode } from './highlight-code.ts'
import { isAllowedLink, markdownItRenderer } from './markdown-parser.ts'
import { createMarkdownRenderer, type RenderBlock } from './render-markdown.ts'

/** A highlighter whose highlight.js arrives only when the test says so. */
function gatedHighlighter() {
  let arrive: () => void = () => {}
  const gate = new Promise<void>((resolve) => (arrive = resolve))
  let loads = 0
  const highlighter = createCodeHighlighter({
    load: () => {
      loads++
      return gate.then((): HighlightCode => highlightCode)
    },
  })
  return {
    highlighter,
    loads: () => loads,
    arrive: async () => {
      arrive()
      await gate
      await Promise.resolve()
    },
  }
}

const loadedHighlighter = () =>
  createCodeHighlighter({ load: () => Promise.resolve(highlightCode) })

const render = (source: string) =>
  createMarkdownRenderer(loadedHighlighter(), markdownItRenderer).render(source).html

function parse(html: string): HTMLElement {
  const host = document.createElement('div')
  host.innerHTML = html
  return host
}

describe('markdown rendering', () => {
  it('keeps raw HTML as inert text', () => {
    const dom = parse(
      render('Hi <script>alert(1)</script>\n\n<img src=x onerror="alert(2)">\n\n<iframe src="x">'),
    )
    expect(dom.querySelector('script, img, iframe, [onerror]')).toBeNull()
    expect(dom.textContent).toContain('<script>alert(1)</script>')
    expect(dom.textContent).toContain('<img src=x onerror="alert(2)">')
  })

  it('never makes a link of javascript:, data: or relative destinations', () => {
    const dom = parse(
      render(
        '[a](javascript:alert(1)) [b](JAVASCRIPT:alert(1)) [c](javascript&colon;alert(1)) ' +
          '[d](data:text/html,hi) [e](/local) [g]() <javascript:alert(1)> javascript:alert(1)\n\n' +
          '[f][ref]\n\n[ref]: javascript:alert(1)',
      ),
    )
    expect(dom.querySelector('a')).toBeNull()
    expect(dom.innerHTML).not.toMatch(/href=/)
    expect(dom.textContent).toContain('[f][ref]')
  })

  it('opens web and mail links in a new window without an opener', () => {
    const dom = parse(
      render('[site](https://example.com/x) and https://github.com/a and me@example.com'),
    )
    const links = [...dom.querySelectorAll('a')]
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      'https://example.com/x',
      'https://github.com/a',
      'mailto:me@example.com',
    ])
    for (const link of links) {
      expect(link.getAttribute('target')).toBe('_blank')
      expect(link.getAttribute('rel')).toBe('noopener noreferrer')
    }
  })

  it('turns images into links and drops unsafe ones', () => {
    const dom = parse(render('![chart](https://example.com/c.png) ![x](javascript:alert(1))'))
    expect(dom.querySelector('img')).toBeNull()
    expect(dom.querySelector('a')?.getAttribute('href')).toBe('https://example.com/c.png')
    expect(dom.querySelectorAll('a')).toHaveLength(1)
  })

  it('renders GFM tables with their column alignment and no inline style', () => {
    const dom = parse(render('| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |'))
    expect(dom.querySelectorAll('table td')).toHaveLength(3)
    expect([...dom.querySelectorAll('td')].map((cell) => cell.className)).toEqual([
      'md-align-left',
      'md-align-center',
      'md-align-right',
    ])
    // The CSP refuses inline styles: an alignment left as one would silently not apply.
    expect(dom.querySelector('[style]')).toBeNull()
  })

  it('strikes through ~~text~~', () => {
    expect(parse(render('was ~~wrong~~ right')).querySelector('s')?.textContent).toBe('wrong')
  })

  it('shows task list items as checkboxes that cannot be changed, named by their text', () => {
    const dom = parse(render('- [x] tests written\n- [ ] release **notes**\n- [link] plain item'))
    const done = getByRole(dom, 'checkbox', { name: 'tests written' }) as HTMLInputElement
    const open = getByRole(dom, 'checkbox', { name: 'release notes' }) as HTMLInputElement
    expect([done.checked, done.disabled]).toEqual([true, true])
    expect([open.checked, open.disabled]).toEqual([false, true])
    expect(queryAllByRole(dom, 'checkbox')).toHaveLength(2)
    expect(dom.textContent).not.toContain('[x]')
    expect(dom.textContent).toContain('[link] plain item')
  })

  it('renders a fence with its language, a Copy button and escaped code', () => {
    const dom = parse(
      createMarkdownRenderer(gatedHighlighter().highlighter, markdownItRenderer).render(
        '```ts\nconst a = "<b>"\n```',
      ).html,
    )
    const code = dom.querySelector('pre > code')
    expect(code?.className).toBe('language-ts')
    expect(code?.textContent).toBe('const a = "<b>"\n')
    expect(dom.querySelector('b')).toBeNull()
    expect(dom.querySelector('.md-code-language')?.textContent).toBe('ts')
    expect(getByRole(dom, 'button', { name: 'Copy' }).getAttribute('type')).toBe('button')
  })

  it('keeps a hostile language name as text', () => {
    const dom = parse(render('```<img/src/onerror=alert(1)>\nx\n```'))
    expect(dom.querySelector('img, [onerror]')).toBeNull()
  })

  it('highlights a closed fence once highlight.js has loaded, not before', async () => {
    const { highlighter, loads, arrive } = gatedHighlighter()
    const renderer = createMarkdownRenderer(highlighter, markdownItRenderer)
    const source = '```ts\nconst answer: number = 42 // why\n```'

    const before = renderer.render(source)
    expect(before.pending).toBe(true)
    expect(parse(before.html).querySelector('[class^="hljs-"]')).toBeNull()
    expect(loads()).toBe(1)

    let calledBack = 0
    renderer.subscribe(() => calledBack++)
    await arrive()
    expect(calledBack).toBe(1)

    const after = renderer.render(source)
    expect(after.pending).toBe(false)
    const code = parse(after.html).querySelector('pre > code') as HTMLElement
    expect(code.querySelector('.hljs-keyword')?.textContent).toBe('const')
    expect(code.querySelector('.hljs-comment')?.textContent).toBe('// why')
    expect(code.textContent).toBe('const answer: number = 42 // why\n')
    expect(code.querySelector('[style]')).toBeNull()
    expect(loads()).toBe(1)
  })

  it('leaves the fence a streaming block has not closed plain, without Copy, and loads nothing', () => {
    const { highlighter, loads } = gatedHighlighter()
    const renderer = createMarkdownRenderer(highlighter, markdownItRenderer)
    const open = renderer.render('Intro\n\n1. Run:\n   ```sh\n   npm i', { open: true })
    expect(open.pending).toBe(false)
    expect(loads()).toBe(0)
    const dom = parse(open.html)
    expect(dom.querySelector('pre > code')?.textContent).toBe('npm i')
    expect(dom.querySelector('button')).toBeNull()
    expect(dom.querySelector('.md-code-language')?.textContent).toBe('sh')

    const closed = renderer.render('Intro\n\n1. Run:\n   ```sh\n   npm i\n   ```', { open: true })
    expect(closed.pending).toBe(true)
    expect(loads()).toBe(1)
    expect(getByRole(parse(closed.html), 'button', { name: 'Copy' })).toBeTruthy()
  })

  it('highlights an unclosed fence once the answer has ended', async () => {
    const highlighter = loadedHighlighter()
    const renderer = createMarkdownRenderer(highlighter, markdownItRenderer)
    expect(renderer.render('```py\nprint("cut off")').pending).toBe(true)
    await new Promise<void>((resolve) => highlighter.subscribe(resolve))
    const dom = parse(renderer.render('```py\nprint("cut off")').html)
    expect(dom.querySelector('.hljs-built_in, .hljs-string')).not.toBeNull()
  })

  it('adds no empty text nodes between block elements', () => {
    const dom = parse(render('# Title\n\n- a\n- b\n\n| x |\n|---|\n| 1 |\n\n---\n\n> quote'))
    const walker = document.createTreeWalker(dom, NodeFilter.SHOW_TEXT)
    const blank: string[] = []
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent?.trim()) blank.push(node.parentElement?.tagName ?? '')
    }
    expect(blank).toEqual([])
    expect(dom.querySelectorAll('li')).toHaveLength(2)
  })

  it('allows only http, https and mailto', () => {
    expect(isAllowedLink(' https://x')).toBe(true)
    expect(isAllowedLink('mailto:a@b')).toBe(true)
    expect(isAllowedLink('vbscript:x')).toBe(false)
    expect(isAllowedLink('file:///etc/passwd')).toBe(false)
  })

  it('shows a block as plain text until markdown-it has loaded, then calls back', async () => {
    let arrive: (render: RenderBlock) => void = () => {}
    let loads = 0
    const renderer = createMarkdownRenderer(loadedHighlighter(), () => {
      loads++
      return new Promise<RenderBlock>((resolve) => (arrive = resolve))
    })
    expect(loads).toBe(0)

    const before = renderer.render('# Title <b>\n\nsome *text*')
    expect(before.pending).toBe(true)
    const plain = parse(before.html)
    expect(plain.textContent).toBe('# Title <b>\n\nsome *text*')
    expect(plain.querySelector('b, h1, em')).toBeNull()

    const versionBefore = renderer.version()
    let calledBack = 0
    renderer.subscribe(() => calledBack++)
    renderer.preload()
    arrive(markdownItRenderer(loadedHighlighter()))
    await Promise.resolve()
    expect([calledBack, loads]).toEqual([1, 1])
    expect(renderer.version()).not.toBe(versionBefore)

    const after = renderer.render('# Title <b>\n\nsome *text*')
    expect(after.pending).toBe(false)
    expect(getByRole(parse(after.html), 'heading', { level: 1 }).textContent).toBe('Title <b>')
  })

  it('keeps plain text, no longer pending, when markdown-it cannot be loaded', async () => {
    const renderer = createMarkdownRenderer(loadedHighlighter(), () =>
      Promise.reject(new Error('chunk gone')),
    )
    renderer.preload()
    await new Promise<void>((resolve) => renderer.subscribe(resolve))
    const block = renderer.render('**bold**')
    expect(block).toEqual({ html: '<p class="md-plain">**bold**</p>', pending: false })
  })
})
