import MarkdownItParser, { type MarkdownIt, type Token } from 'markdown-it'

/** Turns one block of markdown source into HTML that is safe to insert. */
export type MarkdownRenderer = {
  render(source: string, options?: { cache?: boolean }): string
}

const allowedLink = /^(https?:|mailto:)/i
const maxCachedBlocks = 500

/** Only web and mail links survive; everything else (javascript:, data:, file:, relative) is dropped. */
export function isAllowedLink(url: string): boolean {
  return allowedLink.test(url.trim())
}

// markdown-it keeps a link whose destination failed validation, with an empty href: unwrap those
// to plain text, and send the rest to a new window.
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

export function createMarkdownIt(): MarkdownIt {
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
  return md
}

export function createMarkdownRenderer(md: MarkdownIt = createMarkdownIt()): MarkdownRenderer {
  const cache = new Map<string, string>()
  return {
    render(source, { cache: useCache = true } = {}) {
      const hit = cache.get(source)
      if (hit !== undefined) {
        // Re-insert so the map's order tracks recent use.
        cache.delete(source)
        cache.set(source, hit)
        return hit
      }
      const html = md.render(source)
      if (useCache) {
        cache.set(source, html)
        if (cache.size > maxCachedBlocks) {
          const oldest = cache.keys().next().value
          if (oldest !== undefined) cache.delete(oldest)
        }
      }
      return html
    },
  }
}

/** The renderer the app shares, so a block rendered once is not rendered again on reopening. */
export const defaultMarkdownRenderer = createMarkdownRenderer()
