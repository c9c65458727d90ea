import type { MarkdownIt } from 'markdown-it'

const alignment = /^text-align:(left|center|right)$/

/**
 * markdown-it aligns table columns with a `style` attribute, which the content security policy
 * (`style-src 'self'`, no inline styles) refuses: use a class instead (markdown.css).
 */
export function tableAlignment(md: MarkdownIt): void {
  md.core.ruler.after('block', 'table_alignment', (state) => {
    for (const token of state.tokens) {
      if (token.type !== 'th_open' && token.type !== 'td_open') continue
      const side = alignment.exec(String(token.attrGet('style') ?? ''))?.[1]
      if (!side) continue
      token.attrs = (token.attrs ?? []).filter(([name]) => name !== 'style')
      token.attrJoin('class', `md-align-${side}`)
    }
  })
}
