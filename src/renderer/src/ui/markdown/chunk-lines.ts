/**
 * Cuts growing text into pieces of `linesPerChunk` whole lines, plus the unfinished rest. A piece
 * once cut is the same string on every later call, so only the last one ever changes; the work
 * per call is proportional to what was appended.
 */
export function createLineChunker(linesPerChunk = 64): (text: string) => readonly string[] {
  let previous = ''
  let chunks: string[] = []
  let chunkStart = 0
  let lines = 0

  return (text) => {
    let searched = previous.length
    if (!(text.length >= previous.length && text.slice(0, previous.length) === previous)) {
      chunks = []
      chunkStart = 0
      lines = 0
      searched = 0
    }
    previous = text
    for (;;) {
      const newline = text.indexOf('\n', searched)
      if (newline === -1) break
      searched = newline + 1
      if (++lines === linesPerChunk) {
        chunks = [...chunks, text.slice(chunkStart, searched)]
        chunkStart = searched
        lines = 0
      }
    }
    return [...chunks, text.slice(chunkStart)]
  }
}
