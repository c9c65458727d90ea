import { cleanup, render } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { MarkdownView } from './markdown-view.tsx'
import { createMarkdownRenderer, type MarkdownRenderer } from './render-markdown.ts'

afterEach(cleanup)

function countingRenderer() {
  const inner = createMarkdownRenderer()
  const rendered: string[] = []
  const renderer: MarkdownRenderer = {
    render(source, options) {
      rendered.push(source)
      return inner.render(source, options)
    },
  }
  return { renderer, rendered }
}

describe('MarkdownView', () => {
  it('renders only the open last block again as an answer grows', () => {
    const { renderer, rendered } = countingRenderer()
    const first = 'First paragraph.\n\n```js\nlet a\n\nlet b\n```\n\nThe end is'
    const view = render(<MarkdownView text={first} streaming renderer={renderer} />)
    expect(rendered).toEqual(['First paragraph.', '```js\nlet a\n\nlet b\n```', 'The end is'])

    rendered.length = 0
    view.rerender(<MarkdownView text={`${first} near`} streaming renderer={renderer} />)
    view.rerender(<MarkdownView text={`${first} near.\n\nMore`} streaming renderer={renderer} />)
    expect(rendered).toEqual(['The end is near', 'The end is near.', 'More'])
    expect(view.container.querySelectorAll('.md-block')).toHaveLength(4)
    expect(view.container.querySelector('pre code')?.textContent).toBe('let a\n\nlet b\n')
  })

  it('leaves raw HTML inert in the page', () => {
    const view = render(
      <MarkdownView text={'<img src=x onerror="alert(1)"> <script>x()</script>'} />,
    )
    expect(view.container.querySelector('img, script')).toBeNull()
  })
})
