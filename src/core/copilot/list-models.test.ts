import { describe, expect, it } from 'vitest'
import { listModels } from './list-models.ts'
import { scriptedCopilot } from './testing/scripted-copilot.ts'

const chat = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: id.toUpperCase(),
  vendor: 'OpenAI',
  model_picker_enabled: true,
  capabilities: { type: 'chat', limits: { max_context_window_tokens: 128000 }, supports: {} },
  ...extra,
})

async function list(data: unknown[]) {
  const { deps } = scriptedCopilot(() => Response.json({ data, object: 'list' }))
  return listModels(deps)
}

describe('listModels', () => {
  it('keeps a model whose display fields are null, missing or of another type', async () => {
    const models = await list([
      chat('a', { billing: null, policy: null, preview: null }),
      chat('b', { billing: { multiplier: '1' }, capabilities: { type: 'chat', limits: null } }),
      { id: 'c', model_picker_enabled: true, capabilities: { type: 'chat' } },
    ])
    expect(models.map((m) => [m.id, m.name, m.multiplier])).toEqual([
      ['a', 'A', undefined],
      ['b', 'B', 1],
      ['c', 'c', undefined],
    ])
  })

  it('skips junk entries instead of failing the list (§6)', async () => {
    const models = await list([{ nonsense: true }, null, 'x', chat('ok')])
    expect(models.map((m) => m.id)).toEqual(['ok'])
  })

  it('offers only picker-enabled chat models that are enabled and reachable (§6.2)', async () => {
    const models = await list([
      chat('shown'),
      chat('hidden', { model_picker_enabled: false }),
      chat('disabled', { policy: { state: 'disabled' } }),
      chat('embeddings', { capabilities: { type: 'embeddings' } }),
      chat('responses-only', { supported_endpoints: ['/responses'] }),
      chat('both', { supported_endpoints: ['/chat/completions', '/v1/messages'] }),
    ])
    expect(models.map((m) => m.id)).toEqual(['shown', 'both'])
  })
})
