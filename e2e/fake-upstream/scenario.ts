import { z } from 'zod'
import { defaultModels } from './model-catalog.ts'

/** The default answer: markdown with a heading, a list, a fenced block and non-ASCII text. */
export const defaultAnswer = [
  '## Café notes → a short answer',
  '',
  'Here is what the fake upstream can do:',
  '',
  '- stream this text in small deltas',
  '- split a multi-byte character across two writes',
  '- end with `[DONE]` unless told otherwise',
  '',
  '```ts',
  "const greeting = 'héllo'",
  'console.log(greeting)',
  '```',
  '',
  'That is all — à bientôt.',
].join('\n')

const deviceErrorSchema = z.enum([
  'access_denied',
  'expired_token',
  'device_flow_disabled',
  'incorrect_client_credentials',
  'unsupported_grant_type',
  'incorrect_device_code',
])

/** A device-flow error a scenario can force (§1.4). */
export type DeviceError = z.infer<typeof deviceErrorSchema>

const chatFaultSchema = z.strictObject({
  /** HTTP status to answer with, e.g. 429 or 500. */
  status: z.int().min(400).max(599),
  /** Response body; defaults to a §11.1 error envelope for the status. */
  body: z.unknown().optional(),
  /** Seconds sent in the `retry-after` header. */
  retryAfter: z.number().min(0).optional(),
  /** How many chat requests get the fault before it clears itself; absent = every request. */
  times: z.int().min(1).optional(),
})

/**
 * A forced failure of the answer routes (`/chat/completions`, `/responses`, `/v1/messages`).
 * Without `body`: 429 the rate-limit text, 402 quota exhausted, 400 context too long
 * (`model_max_prompt_tokens_exceeded`), anything else a generic error; each in the route's
 * envelope.
 */
export type ChatFault = z.infer<typeof chatFaultSchema>

/** The reasoning text a route streams when it streams reasoning (§7.2, §8.2, §9). */
export const defaultReasoning =
  'The user wants a short answer → a heading, a list and a code sample. Keep it brief; ' +
  'mention the non-ASCII text (café, à bientôt).'

const midStreamErrorSchema = z.strictObject({
  /** Answer text chunks sent before the error; at least the whole answer = before finishing. */
  afterChunks: z.int().min(0),
  message: z.string(),
})

/** A failure inside a 200 stream (§11.1): chat `error` chunk, `response.failed`, `error` event. */
export type MidStreamError = z.infer<typeof midStreamErrorSchema>

const scenarioShape = {
  /** Polls answered `authorization_pending` before the token; null = wait for approve()/deny(). */
  autoApproveAfterPolls: z.int().min(0).nullable(),
  /** Device-flow `interval` in whole seconds, as GitHub sends it (§1.2). */
  deviceInterval: z.int().min(1),
  /** Device-code lifetime in seconds (§1.2). */
  deviceExpiresIn: z.int().min(1),
  /** 1-based poll numbers that answer `slow_down` and raise the interval by 5 s (§1.4). */
  slowDownOnPolls: z.array(z.int().min(1)),
  /** Error for the next poll, then cleared; access_denied/expired_token also retire the code. */
  deviceError: deviceErrorSchema.nullable(),
  /** Failures of the next polls, one each: a 502 page or a dropped connection (§1.5). */
  pollFaults: z.array(z.enum(['server_error', 'drop'])),
  /** Client ids accepted besides the Copilot app's `Iv1.b507a08c87ecfe98` (§1.6). */
  clientIds: z.array(z.string()),
  /** GitHub login of the fake user. */
  login: z.string().min(1),
  /** Copilot token lifetime in seconds (`expires_at`, §2.2); 0 issues already-expired tokens. */
  copilotTokenTtl: z.number().min(0),
  /** `refresh_in` of the token envelope in seconds (§2.2). */
  refreshIn: z.int().min(0),
  /** Copilot API calls may carry the GitHub token itself as Bearer (direct mode, §2.5). */
  acceptGithubTokens: z.boolean(),
  /** The next N Copilot API calls answer 401 `token expired` even with a live token (§2.4). */
  rejectCopilotRequests: z.int().min(0),
  /** Outcome of the token exchange (§2.3). */
  exchange: z.enum(['ok', 'no_access', 'unauthorized', 'server_error']),
  /** `X-GitHub-Api-Version` values answered with HTTP 466 (§5.2, §11.1). */
  retiredApiVersions: z.array(z.string()),
  /** The `/models` list (§6.1); items are served as is, junk included. */
  models: z.array(z.unknown()),
  /** Answer text on every answer route, unless the last user message contains `echo:`. */
  answer: z.string(),
  /** Reasoning text, where a route streams reasoning (Gemini chat, summaries, thinking). */
  reasoning: z.string(),
  /** Characters per streamed text or reasoning delta. */
  chunkSize: z.int().min(1),
  /** Delay before each stream event in ms (slow streams). */
  chunkDelayMs: z.int().min(0),
  /** Line ending of every SSE line on every route; SSE allows CRLF and parsers must take it. */
  lineEnding: z.enum(['lf', 'crlf']),
  /** End chat streams without `data: [DONE]` (§7.2 quirk; the other routes have no [DONE]). */
  omitDone: z.boolean(),
  /** Forced failure of answer requests (all three routes), or null. */
  chatFault: chatFaultSchema.nullable(),
  /** Destroy the socket after this many answer text chunks, or null; every route. */
  dropAfterChunks: z.int().min(0).nullable(),
  /** Fail inside the stream after some answer text chunks, or null; every route. */
  midStreamError: midStreamErrorSchema.nullable(),
  /** Premium requests per month reported in quota snapshots (§3, §11.3). */
  premiumEntitlement: z.number().min(0),
  /** Premium requests used; grows by the multiplier on each user-initiated answer (§5.3). */
  premiumUsed: z.number().min(0),
}

const scenarioSchema = z.strictObject(scenarioShape)
const scenarioPatchSchema = scenarioSchema.partial()

/** Everything a test can tune about how the fake services behave. */
export type Scenario = z.infer<typeof scenarioSchema>

export function createDefaultScenario(): Scenario {
  return {
    autoApproveAfterPolls: 1,
    deviceInterval: 5,
    deviceExpiresIn: 900,
    slowDownOnPolls: [],
    deviceError: null,
    pollFaults: [],
    clientIds: [],
    login: 'octocat',
    copilotTokenTtl: 1800,
    refreshIn: 1500,
    rejectCopilotRequests: 0,
    acceptGithubTokens: false,
    exchange: 'ok',
    retiredApiVersions: ['2023-07-07'],
    models: defaultModels(),
    answer: defaultAnswer,
    reasoning: defaultReasoning,
    chunkSize: 12,
    chunkDelayMs: 15,
    lineEnding: 'lf',
    omitDone: false,
    chatFault: null,
    dropAfterChunks: null,
    midStreamError: null,
    premiumEntitlement: 300,
    premiumUsed: 0,
  }
}

/** Validates a patch (unknown keys are rejected so typos in tests fail loudly). */
export function parseScenarioPatch(input: unknown): Partial<Scenario> {
  const parsed = scenarioPatchSchema.safeParse(input)
  if (!parsed.success) throw new Error(`Invalid scenario: ${z.prettifyError(parsed.error)}`)
  return parsed.data
}
