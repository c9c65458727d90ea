import type { MarkdownIt, Token } from 'markdown-it'

const taskMarker = /^\[([ xX])\][ \t]/

/**
 * GitHub task lists: a list item starting `[ ] ` or `[x] ` shows a checkbox that cannot be
 * changed (the answer is a record, not a form). The item's text is the checkbox's label, so a
 * screen reader says what is done. Written here rather than taken from a plugin because the
 * plugins give every checkbox an id counted per render, and every block renders on its own,
 * which would repeat ids across the page.
 */
export function taskLists(md: MarkdownIt): void {
  md.core.ruler.after('inline', 'task_lists', (state) => {
    const tokens = state.tokens
    for (let index = 2; index < tokens.length; index++) {
      const inline = tokens[index] as Token
      if (inline.type !== 'inline' || tokens[index - 1]?.type !== 'paragraph_open') continue
      const item = tokens[index - 2] as Token
      if (item.type !== 'list_item_open') continue
      const first = inline.children?.[0]
      const match = first?.type === 'text' ? taskMarker.exec(first.content) : null
      if (!first || !match || !inline.children) continue
      first.content = first.content.slice(match[0].length)
      const open = new state.Token('task_label_open', 'label', 1)
      open.meta = { checked: match[1] !== ' ' }
      inline.children = [open, ...inline.children, new state.Token('task_label_close', 'label', -1)]
      item.attrJoin('class', 'md-task')
    }
  })

  md.renderer.rules.task_label_open = (tokens, index) => {
    const checked = (tokens[index]?.meta as { checked: boolean }).checked
    return `<label><input type="checkbox" disabled${checked ? ' checked' : ''}> `
  }
  md.renderer.rules.task_label_close = () => '</label>'
}
