import { copilotFetch, type CopilotDeps } from '../copilot/copilot-request.ts'
import { ApiFailure, isRecord, readUpstreamError } from './api-error.ts'

/**
 * `POST /v1/embeddings` through Copilot's `POST /embeddings` (§10.3, `OpenAI-Intent:
 * copilot-panel`). Only the fields Copilot takes go upstream; vectors come back as floats, and are
 * packed as base64 float32 when the client asked `encoding_format: "base64"` (the OpenAI SDK's
 * default).
 */
export async function createEmbeddings(
  copilot: CopilotDeps,
  body: Record<string, unknown>,
  signal: AbortSignal,
): Promise<{ body: Record<string, unknown>; inputTokens?: number }> {
  if (typeof body.model !== 'string' || body.model === '') {
    throw new ApiFailure({ status: 400, message: 'model is required.', param: 'model' })
  }
  if (body.input === undefined) {
    throw new ApiFailure({ status: 400, message: 'input is required.', param: 'input' })
  }
  const response = await copilotFetch(copilot, {
    method: 'POST',
    path: '/embeddings',
    intent: 'copilot-panel',
    signal,
    body: {
      model: body.model,
      input: body.input,
      ...(typeof body.dimensions === 'number' ? { dimensions: body.dimensions } : {}),
    },
  })
  if (!response.ok) throw new ApiFailure(await readUpstreamError(response))
  const answer: unknown = await response.json().catch(() => undefined)
  if (!isRecord(answer) || !Array.isArray(answer.data)) {
    throw new ApiFailure({
      status: 502,
      message: 'GitHub Copilot sent embeddings LogAI cannot read.',
    })
  }
  const base64 = body.encoding_format === 'base64'
  const data = answer.data.filter(isRecord).map((item, position) => ({
    object: 'embedding',
    index: typeof item.index === 'number' ? item.index : position,
    embedding:
      base64 && Array.isArray(item.embedding) ? packFloats(item.embedding) : item.embedding,
  }))
  const usage = isRecord(answer.usage) ? answer.usage : undefined
  const prompt = typeof usage?.prompt_tokens === 'number' ? usage.prompt_tokens : undefined
  return {
    body: {
      object: 'list',
      data,
      model: typeof answer.model === 'string' ? answer.model : body.model,
      usage: usage ?? { prompt_tokens: 0, total_tokens: 0 },
    },
    ...(prompt === undefined ? {} : { inputTokens: prompt }),
  }
}

/** Floats as OpenAI's base64 encoding: little-endian float32. */
function packFloats(values: unknown[]): string {
  const floats = new Float32Array(values.map(Number))
  return Buffer.from(floats.buffer).toString('base64')
}
