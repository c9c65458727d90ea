import type { UpstreamModelInfo } from './model-directory.ts'

// Copilot's `/models` has no creation dates; a fixed one keeps answers stable.
const created = 1_700_000_000

/**
 * One model as both SDKs read it: OpenAI's `{id, object: "model", created, owned_by}` and
 * Anthropic's `{type: "model", id, display_name, created_at}` side by side, so `/v1/models`
 * serves both families.
 */
export function apiModel(model: UpstreamModelInfo): Record<string, unknown> {
  return {
    id: model.id,
    object: 'model',
    type: 'model',
    created,
    created_at: new Date(created * 1000).toISOString(),
    owned_by: model.vendor,
    display_name: model.name,
  }
}

/** The `/v1/models` list in both SDKs' envelopes (OpenAI `object: list`, Anthropic paging). */
export function apiModelList(models: Iterable<UpstreamModelInfo>): Record<string, unknown> {
  const data = [...models].map(apiModel)
  return {
    object: 'list',
    data,
    has_more: false,
    first_id: data[0]?.id ?? null,
    last_id: data.at(-1)?.id ?? null,
  }
}
