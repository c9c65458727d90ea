/** A top-level markdown block and where it starts in the whole text. */
type Block = { start: number; source: string }

const fenceOpen = /^[ \t]*(`{3,}|~{3,})(.*)$/
const fenceClose = /^[ \t]*(`{3,}|~{3,})[ \t]*$/
const blank = /^[ \t]*$/

function scan(text: string, offset: number): Block[] {
  const blocks: Block[] = []
  let blockStart = -1
  let blockEnd = -1
  let sawBlank = false
  let fence: { char: string; length: number } | null = null
  let position = offset

  const close = () => {
    if (blockStart !== -1)
      blocks.push({ start: blockStart, source: text.slice(blockStart, blockEnd) })
  }

  while (position <= text.length) {
    const newline = text.indexOf('\n', position)
    const lineEnd = newline === -1 ? text.length : newline
    const line = text.slice(position, lineEnd)

    if (fence) {
      const match = fenceClose.exec(line)
      const marker = match?.[1]
      if (marker && marker[0] === fence.char && marker.length >= fence.length) fence = null
      blockEnd = lineEnd
    } else if (blank.test(line)) {
      if (blockStart !== -1) sawBlank = true
    } else {
      // An indented line after a blank one continues the block (a list item, an indented code
      // block): splitting there would change what it means.
      const indented = line[0] === ' ' || line[0] === '\t'
      if (blockStart === -1 || (sawBlank && !indented)) {
        close()
        blockStart = position
      }
      sawBlank = false
      blockEnd = lineEnd
      const open = fenceOpen.exec(line)
      const marker = open?.[1]
      // A backtick fence's info string cannot hold a backtick; ```x``` is inline code.
      if (marker && !(marker[0] === '`' && open[2]?.includes('`'))) {
        fence = { char: marker[0] as string, length: marker.length }
      }
    }

    if (newline === -1) break
    position = newline + 1
  }
  close()
  return blocks
}

/** Splits markdown into top-level blocks at blank lines, never inside a fenced code block. */
export function splitBlocks(text: string): string[] {
  return scan(text, 0).map((block) => block.source)
}

/**
 * Splits text that grows at its end, as a streaming answer does, rescanning only from the start
 * of the last block: the blocks before it are finished and cannot change.
 */
export function createBlockSplitter(): (text: string) => string[] {
  let previousText = ''
  let previous: Block[] = []
  let sources: string[] = []

  return (text) => {
    if (text === previousText) return sources
    const last = previous.at(-1)
    const blocks =
      last && text.startsWith(previousText)
        ? [...previous.slice(0, -1), ...scan(text, last.start)]
        : scan(text, 0)
    previousText = text
    previous = blocks
    sources = blocks.map((block) => block.source)
    return sources
  }
}
