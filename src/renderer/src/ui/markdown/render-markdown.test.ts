import { describe, expect, it } from 'vitest'
import { createMarkdownRenderer, isAllowedLink } from './render-markdown.ts'

const render = (source: string) => createMarkdownRenderer().render(source)

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
          '[d](data:text/html,hi) [e](/local) [g]() <javascript:alert(1)>\n\n[f][ref]\n\n[ref]: javascript:alert(1)',
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

  it('marks fenced code with its language and escapes it', () => {
    const dom = parse(render('```ts\nconst a = "<b>"\n```'))
    const code = dom.querySelector('pre > code')
    expect(code?.className).toBe('language-ts')
    expect(code?.textContent).toBe('const a = "<b>"\n')
    expect(dom.querySelector('b')).toBeNull()
  })

  it('renders GFM tables', () => {
    const dom = parse(render('| a | b |\n|---|---|\n| 1 | 2 |'))
    expect(dom.querySelectorAll('table td')).toHaveLength(2)
  })

  it('allows only http, https and mailto', () => {
    expect(isAllowedLink(' https://x')).toBe(true)
    expect(isAllowedLink('mailto:a@b')).toBe(true)
    expect(isAllowedLink('vbscript:x')).toBe(false)
    expect(isAllowedLink('file:///etc/passwd')).toBe(false)
  })
})
