import { createDeviceCode, createUserCode } from './ids.ts'
import { pushEvent, type DeviceCode, type UpstreamState } from './state.ts'

/** §1.6: the Copilot GitHub App, the client id LogAI uses. */
export const copilotClientId = 'Iv1.b507a08c87ecfe98'

export function isKnownClient(
  state: UpstreamState,
  clientId: string | undefined,
): clientId is string {
  if (clientId === undefined) return false
  return clientId === copilotClientId || state.scenario.clientIds.includes(clientId)
}

export function issueDeviceCode(state: UpstreamState, clientId: string, scope: string): DeviceCode {
  const now = state.now()
  const taken = new Set(state.deviceCodes.map((code) => code.userCode))
  let userCode = createUserCode()
  while (taken.has(userCode)) userCode = createUserCode()
  const code: DeviceCode = {
    deviceCode: createDeviceCode(),
    userCode,
    clientId,
    scope,
    issuedAt: now,
    expiresAt: now + state.scenario.deviceExpiresIn * 1000,
    interval: state.scenario.deviceInterval,
    // §1.5: the interval also applies before the first poll.
    lastPollAt: now,
    polls: 0,
    status: 'pending',
  }
  state.deviceCodes.push(code)
  pushEvent(state, 'device-code-issued')
  return code
}

export function isExpired(code: DeviceCode, now: number): boolean {
  return code.status === 'expired' || now >= code.expiresAt
}

/** Users type codes in any case and often without the hyphen. */
export function normalizeUserCode(input: string): string {
  const compact = input.toUpperCase().replace(/[^A-Z0-9]/g, '')
  return compact.length === 8 ? `${compact.slice(0, 4)}-${compact.slice(4)}` : compact
}

/** The pending, unexpired code with that user code, or the most recent one when none is given. */
export function findPendingCode(state: UpstreamState, userCode?: string): DeviceCode | undefined {
  const wanted = userCode === undefined ? undefined : normalizeUserCode(userCode)
  for (let i = state.deviceCodes.length - 1; i >= 0; i--) {
    const code = state.deviceCodes[i]
    if (code === undefined || code.status !== 'pending' || isExpired(code, state.now())) continue
    if (wanted === undefined || code.userCode === wanted) return code
  }
  return undefined
}

export function decideDeviceCode(
  state: UpstreamState,
  decision: 'approved' | 'denied',
  userCode?: string,
): DeviceCode {
  const code = findPendingCode(state, userCode)
  if (code === undefined) {
    throw new Error(
      userCode === undefined
        ? 'No pending device code: the client has not requested one (or it expired)'
        : `No pending device code matches ${userCode}`,
    )
  }
  code.status = decision
  pushEvent(state, decision === 'approved' ? 'device-approved' : 'device-denied')
  return code
}
