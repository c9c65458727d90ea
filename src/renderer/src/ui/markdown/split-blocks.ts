/** Finished blocks go in pages of this many: React then compares one page, not 64 blocks. */
export const blocksPerPage = 64

/** The tail when it is one fenced code block, opened on its first line and not closed yet. */
export type OpenFence = {
  /** What follows the opening marker, e.g. `ts` or `python title="x"`; it may still grow. */
  info: string
  /** The code so far, as written (the fence opens at column 0, so nothing is to be dedented). */
  code: string
}

/** Markdown cut into top-level blocks, the way a growing answer needs it. */
export type BlockSplit = {
  /**
   * Finished blocks, in pages of `blocksPerPage`. A block is finished once the next one has begun,
   * and nothing appended can change it; a full page is the very same array on every later call.
   */
  pages: ReadonlyArray<readonly string[]>
  /** The last block, which may still grow; undefined while the text is blank. */
  tail: string | undefined
  openFence: OpenFence | undefined
}

/** Splits text that grows at its end; `text` must be passed whole each time. */
export type BlockSplitter = (text: string) => BlockSplit

/** A fence that has opened and not closed: where its opening line starts and ends. */
type Fence = { marker: string; length: number; start: number; infoStart: number; end: number }

/** Everything a scan needs to go on from where it stopped when the text grows. */
type ScanState = {
  text: string
  /** Start of the first line not yet read to its newline. */
  lineStart: number
  blockStart: number
  /** End of the current block's last line that belongs to it (blank lines do not). */
  blockEnd: number
  sawBlank: boolean
  fence: Fence | null
  pages: string[][]
}

export type BlockSplitterOptions = {
  /** Told how many characters each call examined; the work is proportional to it. */
  onScan?: (characters: number) => void
}

const fenceOpen = /^[ \t]*(`{3,}|~{3,})([^\n]*)$/
const fenceClose = /^[ \t]*(`{3,}|~{3,})[ \t\r]*$/

const emptySplit: BlockSplit = { pages: [], tail: undefined, openFence: undefined }

function isBlankChar(code: number): boolean {
  return code === 32 || code === 9 || code === 13
}

function freshState(text: string): ScanState {
  return {
    text,
    lineStart: 0,
    blockStart: -1,
    blockEnd: -1,
    sawBlank: false,
    fence: null,
    pages: [],
  }
}

/** Creates a splitter whose work per call is proportional to what was appended, not to the text. */
export function createBlockSplitter(options: BlockSplitterOptions = {}): BlockSplitter {
  let state = freshState('')
  let result = emptySplit
  let scanned = 0

  // Only ever called with the previous page list, which React may still hold: copy, never mutate.
  const freeze = (source: string) => {
    const pages = state.pages
    const last = pages.at(-1)
    if (last && last.length < blocksPerPage) {
      state.pages = [...pages.slice(0, -1), [...last, source]]
    } else {
      state.pages = [...pages, [source]]
    }
  }

  /** Starts a block at `start`; the block before it is then finished. */
  const beginBlock = (start: number) => {
    if (state.blockStart !== -1) freeze(state.text.slice(state.blockStart, state.blockEnd))
    state.blockStart = start
    state.sawBlank = false
  }

  /** The first character at or after `from` that is not a space, a tab or a carriage return. */
  const firstNonBlank = (from: number, to: number): number => {
    const text = state.text
    let index = from
    while (index < to && isBlankChar(text.charCodeAt(index))) index++
    scanned += index - from + 1
    return index
  }

  const lineOf = (start: number, end: number): string => {
    scanned += end - start
    return state.text.slice(start, end)
  }

  const closesFence = (fence: Fence, start: number, end: number, first: number): boolean => {
    const char = state.text[first]
    if (char !== fence.marker) return false
    const marker = fenceClose.exec(lineOf(start, end))?.[1]
    return marker !== undefined && marker[0] === fence.marker && marker.length >= fence.length
  }

  /** The fence a line opens, if it opens one. */
  const opensFence = (start: number, end: number, first: number): Fence | null => {
    const char = state.text[first]
    if (char !== '`' && char !== '~') return null
    const match = fenceOpen.exec(lineOf(start, end))
    const marker = match?.[1]
    // A backtick fence's info string cannot hold a backtick: ```x``` is inline code.
    if (!marker || (marker[0] === '`' && match[2]?.includes('`'))) return null
    return {
      marker: marker[0] as string,
      length: marker.length,
      start,
      infoStart: first + marker.length,
      end,
    }
  }

  /** Reads one whole line (its newline is at `end`) into the state for good. */
  const scanLine = (start: number, end: number) => {
    const first = firstNonBlank(start, end)
    const fence = state.fence
    if (fence) {
      if (first < end && closesFence(fence, start, end, first)) state.fence = null
      state.blockEnd = end
    } else if (first === end) {
      if (state.blockStart !== -1) state.sawBlank = true
    } else {
      // An indented line after a blank one continues the block (a list item, an indented code
      // block): splitting there would change what it means.
      const indented = first !== start
      if (state.blockStart === -1 || (state.sawBlank && !indented)) beginBlock(start)
      state.sawBlank = false
      state.blockEnd = end
      state.fence = opensFence(start, end, first)
    }
  }

  /**
   * Looks at the last line, which has no newline yet and may still grow. Only one thing it shows
   * is kept: that a new block begins there, which stays true whatever is appended to the line.
   */
  const scanPartialLine = (): { end: number; fence: Fence | null } => {
    const text = state.text
    const start = state.lineStart
    const end = text.length
    const first = firstNonBlank(start, end)
    const fence = state.fence
    if (fence) {
      const closed = first < end && closesFence(fence, start, end, first)
      return { end, fence: closed ? null : fence }
    }
    if (first === end) return { end: state.blockEnd, fence: null }
    if (state.blockStart === -1 || (state.sawBlank && first === start)) beginBlock(start)
    return { end, fence: opensFence(start, end, first) }
  }

  const split = (): BlockSplit => {
    const text = state.text
    const last = scanPartialLine()
    if (state.blockStart === -1) return emptySplit
    const tailStart = state.blockStart
    const tail = text.slice(tailStart, last.end)
    const fence = last.fence
    // Only a fence that opens the block at column 0 is shown as it streams; any other keeps the
    // markdown renderer's reading of it (indentation, list items, quotes).
    const openFence =
      fence && fence.start === tailStart && text[tailStart] === fence.marker
        ? {
            info: text.slice(fence.infoStart, fence.end).trim(),
            code: fence.end < text.length ? text.slice(fence.end + 1, last.end) : '',
          }
        : undefined
    return { pages: state.pages, tail, openFence }
  }

  return (text) => {
    if (text === state.text) return result
    scanned = 0
    const previous = state.text
    // A plain `===` on the prefix runs as a memory compare; startsWith walks it character by
    // character, which costs as much as the rest of an update put together at 1 MB.
    const grew = text.length > previous.length && text.slice(0, previous.length) === previous
    // Text before `searched` already had no newline after `lineStart`: look only at what is new.
    let searched = 0
    if (grew) {
      searched = Math.max(state.lineStart, previous.length)
      state.text = text
    } else {
      state = freshState(text)
    }
    for (;;) {
      const newline = text.indexOf('\n', searched)
      scanned += (newline === -1 ? text.length : newline + 1) - searched
      if (newline === -1) break
      scanLine(state.lineStart, newline)
      state.lineStart = newline + 1
      searched = state.lineStart
    }
    result = split()
    options.onScan?.(scanned)
    return result
  }
}

/** Splits markdown into top-level blocks at blank lines, never inside a fenced code block. */
export function splitBlocks(text: string): string[] {
  const { pages, tail } = createBlockSplitter()(text)
  return tail === undefined ? pages.flat() : [...pages.flat(), tail]
}
