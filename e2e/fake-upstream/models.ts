import { requireCopilotAccess, sendCopilotError } from './copilot-gate.ts'
import { sendJson } from './http-io.ts'
import { findModel } from './model-facts.ts'
import { asRecord } from './records.ts'
import type { RouteContext } from './route.ts'

/** `GET /models` (§6). */
export function listModels(ctx: RouteContext): void {
  if (requireCopilotAccess(ctx) === undefined) return
  sendJson(ctx.res, 200, { data: ctx.state.scenario.models, object: 'list' })
}

/** `POST /models/{id}/policy` with `{"state":"enabled"}` (§10.1). */
export function setModelPolicy(ctx: RouteContext, modelId: string): void {
  if (requireCopilotAccess(ctx) === undefined) return
  const model = findModel(ctx.state.scenario.models, modelId)
  if (model === undefined) {
    sendCopilotError(ctx, 404, `model "${modelId}" not found`, 'model_not_found')
    return
  }
  const state = asRecord(ctx.body)['state']
  if (state !== 'enabled') {
    sendCopilotError(ctx, 400, 'state must be "enabled"', 'invalid_request_body')
    return
  }
  model.entry['policy'] = { ...asRecord(model.entry['policy']), state }
  sendJson(ctx.res, 200, { state })
}
