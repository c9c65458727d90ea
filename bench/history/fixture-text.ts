/**
 * Deterministic text for the history fixture: words drawn from a Zipf distribution over a
 * vocabulary of common English words followed by tens of thousands of made-up ones, so the index
 * sees what a real history has: a few words in nearly every message, most in a handful.
 */

/** A small fast seeded PRNG (mulberry32): the same seed gives the same history. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let x = state
    x = Math.imul(x ^ (x >>> 15), x | 1)
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61)
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296
  }
}

const commonWords = `the to and of a in is it you that for this with on be as are can
  not your if or have will but use what by at from an do so all one more was when how then
  there which would we they file code like just need make should time also get set value
  function data new into error each only some test run other first may return type them
  change config way see string list because example here any these want work line call name
  version case without using build different check note good still same where could`
  .split(/\s+/)
  .filter(Boolean)

const onsets = ['b', 'c', 'd', 'f', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z']
const nuclei = ['a', 'e', 'i', 'o', 'u', 'ai', 'ou', 'ee']
const codas = ['', '', 'n', 'r', 's', 'l', 'x', 'th']

/** The fixture's vocabulary, most frequent first. */
export function createVocabulary(size: number, random: () => number): string[] {
  const words = [...commonWords]
  const seen = new Set(words)
  while (words.length < size) {
    const syllables = 2 + Math.floor(random() * 3)
    let word = ''
    for (let i = 0; i < syllables; i++) {
      const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)] as T
      word += pick(onsets) + pick(nuclei) + (i === syllables - 1 ? pick(codas) : '')
    }
    if (!seen.has(word)) {
      seen.add(word)
      words.push(word)
    }
  }
  return words
}

/** Draws vocabulary ranks with Zipf–Mandelbrot weights 1 / (rank + 2.7). */
export function createWordSampler(size: number, random: () => number): () => number {
  const cumulative = new Float64Array(size)
  let total = 0
  for (let rank = 0; rank < size; rank++) {
    total += 1 / (rank + 2.7)
    cumulative[rank] = total
  }
  return () => {
    const target = random() * total
    let low = 0
    let high = size - 1
    while (low < high) {
      const middle = (low + high) >>> 1
      if ((cumulative[middle] as number) < target) low = middle + 1
      else high = middle
    }
    return low
  }
}

/** A message of about `words` words, in sentences, drawn from the vocabulary. */
export function writeText(
  words: number,
  vocabulary: string[],
  sample: () => number,
  random: () => number,
): string {
  const parts: string[] = []
  let sentence = 0
  for (let i = 0; i < words; i++) {
    let word = vocabulary[sample()] as string
    if (sentence === 0) word = word[0]?.toUpperCase() + word.slice(1)
    sentence++
    if (sentence > 6 && random() < 0.15) {
      word += random() < 0.8 ? '.' : '?'
      sentence = 0
    } else if (random() < 0.04) {
      word += ','
    }
    parts.push(word)
  }
  return `${parts.join(' ')}.`
}
