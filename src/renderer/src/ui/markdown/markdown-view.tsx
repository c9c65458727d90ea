import { memo, useMemo, useState } from 'react'
import { createBlockSplitter } from './split-blocks.ts'
import { defaultMarkdownRenderer, type MarkdownRenderer } from './render-markdown.ts'

type BlockProps = { source: string; isOpen: boolean; renderer: MarkdownRenderer }

// Memoized on its source: while an answer streams only the last, still open block re-renders.
const MarkdownBlock = memo(function MarkdownBlock({ source, isOpen, renderer }: BlockProps) {
  const html = renderer.render(source, { cache: !isOpen })
  return <div className="md-block" dangerouslySetInnerHTML={{ __html: html }} />
})

type MarkdownViewProps = {
  text: string
  /** True while the text is still growing; its last block is then not cached. */
  streaming?: boolean
  renderer?: MarkdownRenderer
}

/** Markdown from a model, rendered block by block; raw HTML in it stays text. */
export function MarkdownView({
  text,
  streaming = false,
  renderer = defaultMarkdownRenderer,
}: MarkdownViewProps) {
  const [split] = useState(createBlockSplitter)
  const blocks = useMemo(() => split(text), [split, text])
  return (
    <div className="markdown">
      {blocks.map((source, index) => (
        <MarkdownBlock
          key={index}
          source={source}
          isOpen={streaming && index === blocks.length - 1}
          renderer={renderer}
        />
      ))}
    </div>
  )
}
