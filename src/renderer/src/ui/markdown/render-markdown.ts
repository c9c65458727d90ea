import type { RenderEnv } from './code-blocks.ts'
import { defaultCodeHighlighter, type CodeHighlighter } from './code-highlighter.ts'

/** One block's HTML; `pending` when it waits for the parser or a highlighter, so it will change. */
export type RenderedBlock = { html: string; pending: boolean }

/** Turns one block of markdown source into HTML that is safe to insert. */
export type MarkdownRenderer = {
  /** `open`: the block may still grow (the streaming tail); it is then not cached. */
  render(source: string, options?: { open?: boolean }): RenderedBlock
  /** Calls back when a pending block may now render differently; returns the way to stop. */
  subscribe(listener: () => void): () => void
  /** Changes every time subscribers are called back. */
  version(): string
  /** Starts loading the parser now, before any text needs it; resolves once that has settled. */
  preload(): Promise<void>
}

/** Renders one block to HTML, noting in `env` whether a fence in it waits for highlighting. */
export type RenderBlock = (source: string, env: RenderEnv) => string

/** Builds the block renderer: by default markdown-it's, loaded as a chunk of its own. */
export type LoadRenderBlock = (highlighter: CodeHighlighter) => RenderBlock | Promise<RenderBlock>

const maxCachedBlocks = 500

const loadMarkdownIt: LoadRenderBlock = (highlighter) =>
  import('./markdown-parser.ts').then((module) => module.markdownItRenderer(highlighter))

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }

/** A block as its plain text, for the moment before the parser has loaded (or if it never does). */
function plainBlock(source: string): string {
  return `<p class="md-plain">${source.replace(/[&<>"]/g, (char) => escapes[char] ?? char)}</p>`
}

export function createMarkdownRenderer(
  highlighter: CodeHighlighter = defaultCodeHighlighter,
  load: LoadRenderBlock = loadMarkdownIt,
): MarkdownRenderer {
  let renderBlock: RenderBlock | null = null
  let loading: 'idle' | 'loading' | 'failed' = 'idle'
  let settled: Promise<void> = Promise.resolve()
  let loadVersion = 0
  const listeners = new Set<() => void>()
  const cache = new Map<string, string>()

  const arrived = () => {
    loadVersion++
    for (const listener of [...listeners]) listener()
  }
  const startLoading = () => {
    if (renderBlock || loading !== 'idle') return
    const loaded = load(highlighter)
    if (typeof loaded === 'function') {
      renderBlock = loaded
      return
    }
    loading = 'loading'
    settled = loaded.then(
      (render) => {
        renderBlock = render
        arrived()
      },
      () => {
        loading = 'failed'
        arrived()
      },
    )
  }

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
      startLoading()
      if (!renderBlock) return { html: plainBlock(source), pending: loading !== 'failed' }
      const env: RenderEnv = { open, pending: false }
      const html = renderBlock(source, env)
      if (!open && !env.pending) {
        cache.set(source, html)
        if (cache.size > maxCachedBlocks) {
          const oldest = cache.keys().next().value
          if (oldest !== undefined) cache.delete(oldest)
        }
      }
      return { html, pending: env.pending }
    },
    subscribe(listener) {
      listeners.add(listener)
      const stopHighlighter = highlighter.subscribe(listener)
      return () => {
        listeners.delete(listener)
        stopHighlighter()
      }
    },
    // Either one moving means a pending block may render differently now.
    version: () => `${loadVersion}:${highlighter.version()}`,
    preload() {
      startLoading()
      return settled
    },
  }
}

/** The renderer the app shares, so a block rendered once is not rendered again on reopening. */
export const defaultMarkdownRenderer = createMarkdownRenderer()
