import { AppFailure } from '../../shared/errors.ts'
import { copilotError, copilotFetch, type CopilotDeps } from '../copilot/copilot-request.ts'

/**
 * Accepts a model's policy for this account: `POST /models/{id}/policy` with
 * `{"state":"enabled"}` (copilot-protocol.md §10.1). The caller shows `policy.terms` first.
 * A refused answer throws an AppFailure a person can act on (§11.1).
 */
export async function enableModel(deps: CopilotDeps, modelId: string): Promise<void> {
  const response = await copilotFetch(deps, {
    method: 'POST',
    path: `/models/${encodeURIComponent(modelId)}/policy`,
    body: { state: 'enabled' },
    intent: 'model-access',
  })
  if (!response.ok) throw new AppFailure(await copilotError(response, deps.clock.now()))
  await response.body?.cancel()
}
