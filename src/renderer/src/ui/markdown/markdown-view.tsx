import { memo, useMemo, useState, useSyncExternalStore } from 'react'
import type { WriteText } from '../clipboard.ts'
import { useCodeCopy } from './copy-code.ts'
import { fenceLanguage } from './code-blocks.ts'
import { OpenFence } from './open-fence.tsx'
import { defaultMarkdownRenderer, type MarkdownRenderer } from './render-markdown.ts'
import { estimateBlocksEm } from './estimate-height.ts'
import { createBlockSplitter } from './split-blocks.ts'
import type { ScheduleFrame } from './frame-gate.ts'
import { useFrameCoalescedValue } from './use-frame-coalesced-value.ts'
import './markdown.css'

type BlockProps = { source: string; open: boolean; renderer: MarkdownRenderer }

const ignoreChanges = () => () => {}

// Memoized on its source: while an answer streams only the last, still open block re-renders.
// A block whose code waits for the highlighter listens for it, and only such a block does.
const MarkdownBlock = memo(function MarkdownBlock({ source, open, renderer }: BlockProps) {
  const { html, pending } = renderer.render(source, { open })
  useSyncExternalStore(pending ? renderer.subscribe : ignoreChanges, renderer.version)
  return (
    <div
      className={open ? 'md-block md-open' : 'md-block'}
      dangerouslySetInnerHTML={{ __html: html }}
    />
  )
})

type PageProps = { blocks: readonly string[]; renderer: MarkdownRenderer }

// A page of finished blocks never changes once full, so a long answer costs React one comparison
// per page on each update. Off screen, the browser skips its style, layout and paint
// (markdown.css): the page, not each block, so a 1 MB answer is a few dozen boxes to lay out when
// its last block grows, not thousands.
const BlockPage = memo(function BlockPage({ blocks, renderer }: PageProps) {
  const heightEm = useMemo(() => estimateBlocksEm(blocks), [blocks])
  return (
    <div className="md-page" style={{ containIntrinsicBlockSize: `auto ${heightEm}em` }}>
      {blocks.map((source, index) => (
        <MarkdownBlock key={index} source={source} open={false} renderer={renderer} />
      ))}
    </div>
  )
})

export type MarkdownViewProps = {
  text: string
  /** True while the text is still growing: it is then drawn at most once a frame. */
  streaming?: boolean
  renderer?: MarkdownRenderer
  /** How to wait for the next animation frame; tests step frames by hand. */
  scheduleFrame?: ScheduleFrame
  /** How a code block's Copy button reaches the clipboard. */
  writeText?: WriteText
}

/** Markdown from a model, rendered block by block; raw HTML in it stays text. */
export function MarkdownView({
  text,
  streaming = false,
  renderer = defaultMarkdownRenderer,
  scheduleFrame,
  writeText,
}: MarkdownViewProps) {
  const shown = useFrameCoalescedValue(text, streaming, scheduleFrame)
  const [split] = useState(() => createBlockSplitter())
  const { pages, tail, openFence } = useMemo(() => split(shown), [split, shown])
  const copyCode = useCodeCopy(writeText)
  return (
    <div className="markdown" onClick={copyCode}>
      {pages.map((blocks, index) => (
        <BlockPage key={index} blocks={blocks} renderer={renderer} />
      ))}
      {tail === undefined ? null : streaming && openFence ? (
        <OpenFence key="fence" language={fenceLanguage(openFence.info)} code={openFence.code} />
      ) : (
        <MarkdownBlock key="tail" source={tail} open={streaming} renderer={renderer} />
      )}
    </div>
  )
}
