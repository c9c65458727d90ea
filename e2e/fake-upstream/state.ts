import type { Scenario } from './scenario.ts'

/** One request as the fake saw it; header names are lower-cased. */
export type RecordedRequest = {
  method: string
  path: string
  headers: Record<string, string>
  body: unknown
  at: number
}

/** The three routes that stream an answer (§7, §8, §9). */
export type AnswerRoute = '/chat/completions' | '/responses' | '/v1/messages'

/**
 * Why a streamed answer's response closed: the fake ended it (an in-stream error included),
 * the client went away (Stop), or the fake cut the socket (`dropAfterChunks`).
 */
export type StreamCloseReason = 'complete' | 'client_aborted' | 'dropped'

/** Something a test may want to wait for that a request log does not show. */
export type FakeEvent = {
  type:
    | 'device-code-issued'
    | 'device-approved'
    | 'device-denied'
    | 'github-token-issued'
    | 'copilot-token-issued'
    | 'stream-started'
    /** One per streamed answer, when its response closed; carries `reason`. */
    | 'stream-closed'
    // The older, reason-specific names stay for the specs that wait on them.
    | 'stream-finished'
    | 'stream-aborted'
    | 'stream-dropped'
  at: number
  requestId?: string
  /** On stream events: which answer route streamed. */
  route?: AnswerRoute
  /** On `stream-closed`. */
  reason?: StreamCloseReason
}

export type DeviceCode = {
  deviceCode: string
  userCode: string
  clientId: string
  scope: string
  issuedAt: number
  expiresAt: number
  /** Current minimum seconds between polls; slow_down raises it (§1.4). */
  interval: number
  lastPollAt: number
  polls: number
  status: 'pending' | 'approved' | 'denied' | 'expired' | 'used'
}

export type GithubToken = { login: string; clientId: string; scope: string }

export type CopilotToken = { githubToken: string; expiresAt: number }

export type Urls = { url: string; githubUrl: string; githubApiUrl: string; copilotUrl: string }

/** Everything the route handlers share: the scenario plus what the fake services remember. */
export type UpstreamState = {
  scenario: Scenario
  urls: Urls
  requests: RecordedRequest[]
  events: FakeEvent[]
  deviceCodes: DeviceCode[]
  githubTokens: Map<string, GithubToken>
  copilotTokens: Map<string, CopilotToken>
  /** The fake's clock: real time, or a test's clock so timing rules run fast. */
  now: () => number
}

export function createState(
  scenario: Scenario,
  urls: Urls,
  now: () => number = Date.now,
): UpstreamState {
  return {
    now,
    scenario,
    urls,
    requests: [],
    events: [],
    deviceCodes: [],
    githubTokens: new Map(),
    copilotTokens: new Map(),
  }
}

export function pushEvent(
  state: UpstreamState,
  type: FakeEvent['type'],
  requestId?: string,
  details: Pick<FakeEvent, 'route' | 'reason'> = {},
) {
  const event: FakeEvent = { type, at: state.now(), ...details }
  if (requestId !== undefined) event.requestId = requestId
  state.events.push(event)
}
