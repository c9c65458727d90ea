import { randomBytes, randomInt, randomUUID } from 'node:crypto'

// Repo hooks flag `gh[oupsr]_` + 20 alphanumerics and `tid=` + 16 hex as leaked secrets, so every
// fake credential breaks those runs with `FAKE`/`fake` and dashes.
function hexGroups(count: number): string {
  return Array.from({ length: count }, () => randomBytes(4).toString('hex')).join('-')
}

export function createGithubToken(): string {
  return `ghu_FAKE-${hexGroups(5)}`
}

/** §2.2: `k=v;…:<sig>`; proxy-ep has no colon because clients split the signature on `:`. */
export function createCopilotToken(expiresAtSeconds: number): string {
  const fields = [
    `tid=fake-${hexGroups(4)}`,
    `ol=fake-${hexGroups(2)}`,
    `exp=${expiresAtSeconds}`,
    'sku=plus_monthly_subscriber_quota',
    'proxy-ep=proxy.fake-upstream.invalid',
    'st=dotcom',
    'chat=1',
    'cit=1',
    'malfil=1',
    'editor_preview_features=1',
    'agent_mode=1',
    'mcp=1',
    'ccr=1',
    '8kp=1',
  ]
  return `${fields.join(';')}:fake-sig-${hexGroups(4)}`
}

/** §1.2: GitHub's device codes are 40 characters. */
export function createDeviceCode(): string {
  return randomBytes(20).toString('hex')
}

const userCodeAlphabet = 'BCDFGHJKLMNPQRSTVWXZ'

/** §1.2: 8 characters with a hyphen, e.g. `WDJB-MJHT`. */
export function createUserCode(): string {
  const pick = () => userCodeAlphabet[randomInt(userCodeAlphabet.length)]
  const half = () => Array.from({ length: 4 }, pick).join('')
  return `${half()}-${half()}`
}

export function createCompletionId(): string {
  return `chatcmpl-fake-${hexGroups(3)}`
}

/**
 * §8.2 quirk: Copilot's `/responses` ids (response and output items) are long opaque base64
 * strings, not `resp_…`/`msg_…`; clients must treat ids as opaque.
 */
export function createOpaqueId(bytes = 72): string {
  return randomBytes(bytes).toString('base64')
}

const base62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/** §9: Copilot's Claude is Bedrock-hosted, so message ids read `msg_bdrk_01…`. */
export function createMessageId(): string {
  const tail = Array.from({ length: 22 }, () => base62[randomInt(base62.length)]).join('')
  return `msg_bdrk_01${tail}`
}

/** §7.2: Claude via chat completions uses a UUID as the completion id. */
export function createUuid(): string {
  return randomUUID()
}

/** Shaped like GitHub's `x-github-request-id` (colon-separated hex). */
export function createGithubRequestId(): string {
  return Array.from({ length: 5 }, () => randomBytes(3).toString('hex').toUpperCase()).join(':')
}

export function createRequestId(): string {
  return randomUUID()
}

/** §7.3: a tool call id, `call_…` (GPT, Gemini, responses) or `toolu_…` (Claude). */
export function createToolCallId(prefix: 'call_' | 'toolu_'): string {
  const tail = Array.from({ length: 24 }, () => base62[randomInt(base62.length)]).join('')
  return `${prefix}${tail}`
}
