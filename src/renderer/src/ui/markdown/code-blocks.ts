import type { Env, MarkdownIt, Token } from 'markdown-it'
import type { CodeHighlighter } from './code-highlighter.ts'

/** What one render of one block is told and tells back. */
export type RenderEnv = {
  /** The block may still grow: a fence that runs to its end is not closed yet. */
  open: boolean
  /** Set by the render when some fence waits for the highlighter; the result is then not final. */
  pending: boolean
}

/** Class names the code block markup shares with `OpenFence`, which mirrors it while streaming. */
export const codeClasses = {
  block: 'md-code',
  bar: 'md-code-bar',
  language: 'md-code-language',
  copy: 'md-code-copy',
  status: 'md-code-status',
} as const

// A fence's closing line, also inside a quote or a list item.
const closingLine = /^(?:[ \t]*>)*[ \t]*(`{3,}|~{3,})[ \t\r]*$/

/** The language a fence's info string (as written) names: its first word, backslashes undone. */
export function fenceLanguage(info: string): string {
  const word = info.trim().split(/\s+/)[0] ?? ''
  return word.replace(/\\([!-/:-@[-`{-~])/g, '$1')
}

/**
 * Marks the fence of an open block that is not closed yet (`meta.open`): markdown-it renders it
 * the same as a closed one, but its language may still be half typed and its code will grow, so
 * it is neither highlighted nor offered for copying until it closes.
 */
function markOpenFence(md: MarkdownIt) {
  md.core.ruler.after('block', 'open_fence', (state) => {
    const env = state.env as Partial<RenderEnv>
    if (!env.open) return
    const fence = state.tokens.findLast((token) => token.type === 'fence')
    const [, end] = fence?.map ?? []
    if (!fence || end === undefined) return
    const lines = state.src.split('\n')
    // Only a fence that reaches the end of the text can still grow.
    while (lines.length > 0 && lines.at(-1)?.trim() === '') lines.pop()
    if (end < lines.length) return
    const last = lines.at(-1) ?? ''
    const marker = end - 1 > (fence.map?.[0] ?? 0) ? closingLine.exec(last)?.[1] : undefined
    const closed =
      marker !== undefined && marker[0] === fence.markup[0] && marker.length >= fence.markup.length
    if (!closed) fence.meta = { open: true }
  })
}

function codeBlockHtml(md: MarkdownIt, language: string, body: string, copyable: boolean) {
  const escape = md.utils.escapeHtml
  const label = language ? `<span class="${codeClasses.language}">${escape(language)}</span>` : ''
  // The button and its status are wired by one click handler on the whole view (copy-code.ts),
  // not one listener per block.
  const copy = copyable
    ? `<span class="${codeClasses.status}" role="status"></span>` +
      `<button type="button" class="button button-small ${codeClasses.copy}">Copy</button>`
    : ''
  const languageClass = language ? ` class="language-${escape(language)}"` : ''
  return (
    `<div class="${codeClasses.block}"><div class="${codeClasses.bar}">${label}${copy}</div>` +
    `<pre><code${languageClass}>${body}</code></pre></div>`
  )
}

/**
 * Renders fenced and indented code with a toolbar (language, Copy) and, once a fence is closed,
 * syntax highlighting. Highlighted HTML is escaped text in `<span class>` only.
 */
export function codeBlocks(md: MarkdownIt, highlighter: CodeHighlighter): void {
  markOpenFence(md)

  md.renderer.rules.fence = (tokens, index, _options, env?: Env) => {
    const renderEnv = env as Partial<RenderEnv> | undefined
    const token = tokens[index] as Token
    const language = fenceLanguage(token.info)
    const isOpen = (token.meta as { open?: boolean } | null)?.open === true
    let body = md.utils.escapeHtml(token.content)
    if (language && !isOpen) {
      const result = highlighter.highlight(token.content, language)
      if (result.kind === 'highlighted') body = result.html
      else if (result.kind === 'pending' && renderEnv) renderEnv.pending = true
    }
    return codeBlockHtml(md, language, body, !isOpen)
  }

  md.renderer.rules.code_block = (tokens, index, _options, env?: Env) => {
    const token = tokens[index] as Token
    // An indented block at the end of an open block may still grow: no Copy until it is done.
    const copyable = !(env as Partial<RenderEnv> | undefined)?.open || index < tokens.length - 1
    return codeBlockHtml(md, '', md.utils.escapeHtml(token.content), copyable)
  }
}
