import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/** The shortest key the server accepts: a guessable key would let any local program spend quota. */
export const minApiKeyLength = 24

/** A fresh local API key: `logai-` and 32 random bytes, base64url. */
export function generateApiKey(): string {
  return `logai-${randomBytes(32).toString('base64url')}`
}

/**
 * A check of presented keys against `apiKey` in constant time: both sides are hashed first, so
 * neither the length nor the first differing byte of the real key shows in the timing.
 */
export function createKeyCheck(apiKey: string): (presented: string | undefined) => boolean {
  if (apiKey.length < minApiKeyLength) {
    throw new Error(`The local API key must be at least ${minApiKeyLength} characters long.`)
  }
  const expected = digest(apiKey)
  return (presented) => presented !== undefined && timingSafeEqual(digest(presented), expected)
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest()
}
