import { decideDeviceCode } from './device-codes.ts'
import { sendJson } from './http-io.ts'
import { asRecord } from './records.ts'
import type { RouteContext } from './route.ts'
import { parseScenarioPatch } from './scenario.ts'

/** `GET /_control/scenario`. */
export function readScenario(ctx: RouteContext): void {
  sendJson(ctx.res, 200, ctx.state.scenario)
}

/** `POST /_control/scenario`: merges a JSON `Partial<Scenario>` into the current scenario. */
export function patchScenario(ctx: RouteContext): void {
  try {
    Object.assign(ctx.state.scenario, parseScenarioPatch(ctx.body ?? {}))
  } catch (error) {
    sendJson(ctx.res, 400, { message: (error as Error).message })
    return
  }
  sendJson(ctx.res, 200, ctx.state.scenario)
}

/** `POST /_control/approve` and `/_control/deny`; an optional `{ userCode }` picks the code. */
export function decideFromControl(decision: 'approved' | 'denied') {
  return (ctx: RouteContext): void => {
    const userCode = asRecord(ctx.body)['userCode']
    try {
      const code = decideDeviceCode(
        ctx.state,
        decision,
        typeof userCode === 'string' ? userCode : undefined,
      )
      sendJson(ctx.res, 200, { userCode: code.userCode, status: code.status })
    } catch (error) {
      sendJson(ctx.res, 409, { message: (error as Error).message })
    }
  }
}

/** `GET /_control/requests`. */
export function listRequests(ctx: RouteContext): void {
  sendJson(ctx.res, 200, ctx.state.requests)
}

/** `GET /_control/events`. */
export function listEvents(ctx: RouteContext): void {
  sendJson(ctx.res, 200, ctx.state.events)
}
