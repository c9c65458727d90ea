import { createRandom, createVocabulary, createWordSampler, writeText } from './fixture-text.ts'

/**
 * One line the crash child prints, after the write it names has resolved (`checkpoint` before
 * its write starts). `at` is `performance.timeOrigin + performance.now()`, comparable across
 * processes on one machine.
 */
export type CrashEvent =
  | { kind: 'ready'; at: number }
  | { kind: 'prompt'; at: number; sessionId: string; messageId: string; content: string }
  | { kind: 'answer'; at: number; sessionId: string; messageId: string; seed: string }
  | { kind: 'checkpoint'; at: number; messageId: string; length: number; interval: number }
  | { kind: 'saved'; at: number; messageId: string; length: number }
  | { kind: 'complete'; at: number; messageId: string; length: number }
  | { kind: 'deleted'; at: number; messageId: string }
  /** Any write handed to the store (`n` numbers them); `wrote` once it resolved. */
  | { kind: 'write'; at: number; n: number }
  | { kind: 'wrote'; at: number; n: number }

const vocabulary = createVocabulary(3_000, createRandom(99))

/** The full text of the answer `seed`; a checkpoint of length n holds its first n characters. */
export function answerText(seed: string): string {
  let hash = 2166136261
  for (const char of seed) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 16777619)
  const random = createRandom(hash)
  return writeText(4_000, vocabulary, createWordSampler(vocabulary.length, random), random)
}
