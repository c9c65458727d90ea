// A rough height for markdown that has not been drawn yet, so a long answer opened from history
// gets a scrollbar near its real length before its pages are drawn. Only the order of magnitude
// matters: once drawn, `contain-intrinsic-size: auto` remembers the real height.

/** Characters on one line of the conversation column, at its usual width. */
const charsPerLine = 90
/** Line height in em (styles.css sets 1.5 for the page). */
const lineEm = 1.5
/** The gap between blocks, plus a code block's toolbar averaged over blocks, in em. */
const blockEm = 1.5

/** The height `blocks` of markdown source will take when drawn, in em. */
export function estimateBlocksEm(blocks: readonly string[]): number {
  let lines = 0
  for (const block of blocks) {
    let start = 0
    for (;;) {
      const end = block.indexOf('\n', start)
      const length = (end === -1 ? block.length : end) - start
      lines += Math.max(1, Math.ceil(length / charsPerLine))
      if (end === -1) break
      start = end + 1
    }
  }
  return Math.round(lines * lineEm + blocks.length * blockEm)
}
