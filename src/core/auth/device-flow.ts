import { AppFailure, type AppError } from '../../shared/errors.ts'
import type { Clock, HttpFetch, Log } from '../ports.ts'
import type { ClientProfile } from './client-profile.ts'
import { pollAccessToken } from './poll-access-token.ts'
import { requestDeviceCode, type DeviceCode } from './request-device-code.ts'

/** The ports and settings one device flow runs with. */
export type DeviceFlowDeps = {
  fetch: HttpFetch
  clock: Clock
  log: Log
  githubUrl: string
  profile: ClientProfile
}

/** Longest pause between polls after repeated network failures. */
const maxBackoffMs = 60_000

/** What the person should see while the flow waits for them. */
export type DeviceFlowProgress = {
  code: DeviceCode
  expiresAt: number
  intervalMs: number
  polling: 'waiting' | 'slowed_down' | 'reconnecting'
}

/**
 * Runs the device flow to a GitHub token (copilot-protocol.md §1.5): waits `interval` before the
 * first poll and between polls, raises it on `slow_down`, keeps polling through network failures
 * and 5xx with a growing pause (never shorter than the interval), and stops at `expires_in`.
 * `onProgress` hears the code first and then every change of the polling state.
 */
export async function runDeviceFlow(
  deps: DeviceFlowDeps,
  signal: AbortSignal,
  onProgress: (progress: DeviceFlowProgress) => void,
): Promise<string> {
  const { fetch, clock, log, githubUrl, profile } = deps
  const code = await requestDeviceCode(fetch, githubUrl, profile, signal)
  const expiresAt = clock.now() + code.expiresInSec * 1000
  let intervalMs = code.intervalSec * 1000
  let backoffMs = 0
  let slowedDown = false
  let last: DeviceFlowProgress | undefined
  const report = (polling: DeviceFlowProgress['polling']) => {
    if (last?.polling === polling && last.intervalMs === intervalMs) return
    last = { code, expiresAt, intervalMs, polling }
    onProgress(last)
  }
  report('waiting')

  for (;;) {
    await clock.sleep(intervalMs + backoffMs, signal)
    if (clock.now() >= expiresAt) throw new AppFailure(expired)
    let outcome
    try {
      outcome = await pollAccessToken(fetch, githubUrl, profile, code.deviceCode, signal)
    } catch (thrown) {
      if (!(thrown instanceof AppFailure)) throw thrown
      // A dropped connection or a 5xx must not throw away an approval in progress.
      backoffMs = Math.min(maxBackoffMs, backoffMs === 0 ? intervalMs : backoffMs * 2)
      log.warn('device flow poll failed; retrying', { kind: thrown.error.kind, backoffMs })
      report('reconnecting')
      continue
    }
    backoffMs = 0
    switch (outcome.kind) {
      case 'token':
        return outcome.accessToken
      case 'pending':
        report(slowedDown ? 'slowed_down' : 'waiting')
        continue
      case 'slow_down':
        // §1.4: use the interval GitHub returns, else add 5 s; never shorten it.
        intervalMs = Math.max(intervalMs + 5_000, (outcome.intervalSec ?? 0) * 1000)
        slowedDown = true
        report('slowed_down')
        continue
      case 'expired':
        throw new AppFailure(expired)
      case 'denied':
        throw new AppFailure({
          kind: 'access_denied',
          message: 'You declined the sign-in on GitHub. Sign in again when you are ready.',
        })
      case 'refused':
        throw new AppFailure(refusedError(outcome.error, outcome.description))
    }
  }
}

const expired: AppError = {
  kind: 'device_code_expired',
  message: 'The sign-in code expired before it was approved. Get a new code to try again.',
}

/** §1.4: configuration errors are bugs or profile problems; name what to fix. */
function refusedError(error: string, description: string | undefined): AppError {
  const fixes: Record<string, string> = {
    device_flow_disabled:
      'Device sign-in is not enabled for this OAuth app. Check `clientId` in the client profile.',
    incorrect_client_credentials:
      'GitHub does not know this OAuth client id. Check `clientId` in the client profile.',
    unsupported_grant_type: 'GitHub rejected the sign-in request (unsupported grant type).',
    incorrect_device_code: 'GitHub did not accept the sign-in code. Get a new code to try again.',
  }
  return {
    kind: 'upstream',
    status: 400,
    message: fixes[error] ?? `GitHub refused the sign-in: ${description ?? error}.`,
  }
}
