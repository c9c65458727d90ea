// Neither filler ever contains a `q` or a digit, so a `q` followed by six digits is always a token
// (see token-answer.ts), and neither contains markdown syntax that could change a block's kind.
const words = (
  'the answer streams into a conversation while someone reads it and scrolls back through ' +
  'earlier turns where headings lists tables and code samples wrap across many lines of text ' +
  'so every block has to be laid out painted and kept in memory until the window closes ' +
  'then the model writes another paragraph about caching layout and the cost of each frame'
).split(' ')

const codeLines = [
  'export function render(blocks, cache) {',
  '  const html = cache.get(source) ?? markdown.render(source)',
  '  if (html.length > limit) return split(html, limit)',
  '  for (const block of blocks) output.push(block.trim())',
  '  return output.join(newline)',
  '}',
  'const frame = await nextFrame()',
  'console.log(frame, blocks.length)',
]

/** Exactly `length` characters of plain words, starting at word `seed` of the list. */
export function proseFiller(length: number, seed = 0): string {
  let text = ''
  for (let i = seed; text.length < length; i++) text += `${words[i % words.length]} `
  return text.slice(0, length)
}

/** Exactly `length` characters of code lines, never starting a line with a fence. */
export function codeFiller(length: number, seed = 0): string {
  let text = ''
  for (let i = seed; text.length < length; i++) text += `${codeLines[i % codeLines.length]}\n`
  return text.slice(0, length)
}
