import MarkdownItParser, { type MarkdownIt, type Token } from 'markdown-it'
import { codeBlocks, type RenderEnv } from './code-blocks.ts'
import type { CodeHighlighter } from './code-highlighter.ts'
import { tableAlignment } from './table-alignment.ts'
import { taskLists } from './task-lists.ts'

// markdown-it and its plugins: a chunk of their own (render-markdown.ts loads it), since building
// the parser (entity tables, linkify's patterns) costs the first screen time it does not need.

const allowedLink = /^(https?:|mailto:)/i

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
export function createMarkdownIt(highlighter: CodeHighlighter): MarkdownIt {
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

/** Renders one block with `createMarkdownIt`'s parser. */
export function markdownItRenderer(
  highlighter: CodeHighlighter,
): (source: string, env: RenderEnv) => string {
  const md = createMarkdownIt(highlighter)
  return (source, env) => md.render(source, env)
}
