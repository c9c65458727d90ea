import MarkdownItParser, { type MarkdownIt, type Token } from 'markdown-it'
import { codeBlocks, type RenderEnv } from './code-blocks.ts'
import { defaultCodeHighlighter, type CodeHighlighter } from './code-highlighter.ts'
import { tableAlignment } from './table-alignment.ts'
import { taskLists } from './task-lists.ts'

/** One block's HTML; `pending` when a fence in it waits for highlighting, so it will change. */
export type RenderedBlock = { html: string; pending: boolean }

/** Turns one block of markdown source into HTML that is safe to insert. */
export type MarkdownRenderer = {
  /** `open`: the block may still grow (the streaming tail); it is then not cached. */
  render(source: string, options?: { open?: boolean }): RenderedBlock
  /** Calls back when a pending block may now render differently; returns the way to stop. */
  subscribe(listener: () => void): () => void
  /** Changes every time subscribers are called back. */
  version(): number
}

const allowedLink = /^(https?:|mailto:)/i
const maxCachedBlocks = 500

/** Only web and mail links survive; everything else (javascript:, data:, file:, relative) is dropped. */
export function isAllowedLink(url: string): boolean {
  return allowedLink.test(url.trim())
}

// markdown-it keeps a link whose destination failed validation, with an empty href: unwrap those
// to plain text, and send the rest to a new window. A new window is never the app's own: in
// Electron, src/main/index.ts prevents every navigation (`will-navigate`) and its window-open
// handler denies the window and hands the URL to openExternalSafely (src/main/external-links.ts),
// which opens https: links in the system browser and ignores anything else (http:, mailto:). In
// the web host the browser opens a new tab or the mail client.
function secureLinks(tokens: Token[]): Token[] {
  const kept: Token[] = []
  let dropping = false
  for (const token of tokens) {
    if (token.type === 'link_open') {
      const href = String(token.attrGet('href') ?? '')
      if (!isAllowedLink(href)) {
        dropping = true
        continue
      }
      token.attrSet('target', '_blank')
      token.attrSet('rel', 'noopener noreferrer')
    } else if (token.type === 'link_close' && dropping) {
      dropping = false
      continue
    }
    kept.push(token)
  }
  return kept
}

// markdown-it ends every block tag with a newline, and each becomes a text node in the page that
// draws nothing: a long list or table would carry one per item or cell. Block tags never sit
// inside <pre>, so dropping those newlines changes nothing on screen.
function dropNewlinesAfterBlockTags(md: MarkdownIt) {
  const renderToken = md.renderer.renderToken.bind(md.renderer)
  md.renderer.renderToken = (tokens, index, options) => {
    const html = renderToken(tokens, index, options)
    return tokens[index]?.block ? html.replace(/^\n|\n$/g, '') : html
  }
}

/**
 * GitHub-flavoured markdown as models write it: tables, ~~strikethrough~~, task lists and bare
 * links, with raw HTML kept as text (`html: false`) and only web and mail links.
 */
export function createMarkdownIt(
  highlighter: CodeHighlighter = defaultCodeHighlighter,
): MarkdownIt {
  const md = new MarkdownItParser({ html: false, linkify: true })
  md.validateLink = isAllowedLink
  md.core.ruler.push('secure_links', (state) => {
    for (const token of state.tokens) {
      if (token.type === 'inline' && token.children) token.children = secureLinks(token.children)
    }
  })
  // Remote images would be blocked by the content security policy anyway: offer them as links.
  md.renderer.rules.image = (tokens, index) => {
    const token = tokens[index] as Token
    const src = String(token.attrGet('src') ?? '')
    const alt = md.utils.escapeHtml(token.content || src)
    if (!isAllowedLink(src)) return alt
    const href = md.utils.escapeHtml(src)
    return `<a href="${href}" target="_blank" rel="noopener noreferrer">${alt}</a>`
  }
  taskLists(md)
  tableAlignment(md)
  codeBlocks(md, highlighter)
  dropNewlinesAfterBlockTags(md)
  return md
}

export function createMarkdownRenderer(
  highlighter: CodeHighlighter = defaultCodeHighlighter,
): MarkdownRenderer {
  const md = createMarkdownIt(highlighter)
  const cache = new Map<string, string>()
  return {
    render(source, { open = false } = {}) {
      // An open block is rendered fresh: its unclosed fence looks different from a closed one.
      const hit = open ? undefined : cache.get(source)
      if (hit !== undefined) {
        // Re-insert so the map's order tracks recent use.
        cache.delete(source)
        cache.set(source, hit)
        return { html: hit, pending: false }
      }
      const env: RenderEnv = { open, pending: false }
      const html = md.render(source, env)
      if (!open && !env.pending) {
        cache.set(source, html)
        if (cache.size > maxCachedBlocks) {
          const oldest = cache.keys().next().value
          if (oldest !== undefined) cache.delete(oldest)
        }
      }
      return { html, pending: env.pending }
    },
    subscribe: highlighter.subscribe,
    version: highlighter.version,
  }
}

/** The renderer the app shares, so a block rendered once is not rendered again on reopening. */
export const defaultMarkdownRenderer = createMarkdownRenderer()
