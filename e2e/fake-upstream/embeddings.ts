import { createHash } from 'node:crypto'
import { requireCopilotAccess, sendCopilotError } from './copilot-gate.ts'
import { sendJson } from './http-io.ts'
import { asRecord } from './records.ts'
import type { RouteContext } from './route.ts'
import { estimateTokens } from './chat-answer.ts'

/** `text-embedding-3-small`'s full size; `dimensions` may ask for fewer (§10.3). */
const fullDimensions = 1536

/** The same text always gets the same vector, so tests can compare them. */
function embed(text: string, dimensions: number): number[] {
  const vector: number[] = []
  for (let block = 0; vector.length < dimensions; block++) {
    const digest = createHash('sha256').update(`${block}:${text}`).digest()
    for (let i = 0; i < digest.length && vector.length < dimensions; i += 2) {
      vector.push(Number((digest.readInt16BE(i) / 32768).toFixed(6)))
    }
  }
  return vector
}

/**
 * `POST /embeddings` (§10.3): `{ model, input: string | string[], dimensions? }` for a model whose
 * `capabilities.type` is `embeddings`, answered with one vector per input and the token usage.
 */
export function createEmbeddings(ctx: RouteContext): void {
  if (requireCopilotAccess(ctx) === undefined) return
  const body = asRecord(ctx.body)
  const modelId = body['model']
  const model = ctx.state.scenario.models.map(asRecord).find((entry) => entry['id'] === modelId)
  if (!model || asRecord(model['capabilities'])['type'] !== 'embeddings') {
    sendCopilotError(ctx, 400, 'The requested model is not supported.', 'model_not_supported', {
      param: 'model',
    })
    return
  }
  const input = body['input']
  const texts = typeof input === 'string' ? [input] : input
  if (!Array.isArray(texts) || texts.length === 0 || texts.some((t) => typeof t !== 'string')) {
    sendCopilotError(
      ctx,
      400,
      'input: must be a string or a non-empty array of strings',
      'invalid_request_body',
      { param: 'input' },
    )
    return
  }
  const requested = body['dimensions']
  const dimensions =
    typeof requested === 'number' && Number.isInteger(requested) && requested > 0
      ? Math.min(requested, fullDimensions)
      : fullDimensions
  const tokens = texts.reduce((sum, text) => sum + estimateTokens(text as string), 0)
  sendJson(ctx.res, 200, {
    object: 'list',
    data: texts.map((text, index) => ({
      object: 'embedding',
      index,
      embedding: embed(text as string, dimensions),
    })),
    model: modelId,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  })
}
