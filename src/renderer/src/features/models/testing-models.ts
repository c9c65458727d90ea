import type { Model, ModelCatalog } from '../../../../shared/contract.ts'
import { testCatalog, testModels } from '../../testing/fake-core.ts'

/** A model whose policy must be accepted first (§10.1), with markdown terms. */
export const lockedModel: Model = {
  id: 'claude-opus-4.6',
  name: 'Claude Opus 4.6',
  vendor: 'Anthropic',
  preview: false,
  isChatDefault: false,
  supportsVision: true,
  supportsTools: true,
  supportsReasoning: true,
  contextWindow: 200_000,
  multiplier: 3,
  availability: {
    state: 'needs_enable',
    terms: 'Turn on **Claude Opus 4.6** for your account.',
  },
}

/** A model the account's plan does not include (§6.1 `restricted_to`), priced per token. */
export const restrictedModel: Model = {
  id: 'gpt-5.3-codex',
  name: 'GPT-5.3-Codex',
  vendor: 'OpenAI',
  preview: false,
  isChatDefault: false,
  category: 'powerful',
  supportsVision: false,
  supportsTools: true,
  supportsReasoning: true,
  contextWindow: 400_000,
  multiplier: 1,
  tokenPrices: { input: 1.75, output: 14, cached: 0.175 },
  availability: { state: 'restricted', reason: 'Needs Copilot Pro+ or Business' },
}

/** The fake core's models plus one to enable and one out of the plan, in vendor order. */
export const pickerModels: Model[] = [
  testModels[0]!,
  restrictedModel,
  testModels[1]!,
  lockedModel,
  testModels[2]!,
]

/** `models:list` with `pickerModels`; nothing chosen yet unless overridden. */
export function pickerCatalog(overrides: Partial<ModelCatalog> = {}): ModelCatalog {
  return testCatalog({ models: pickerModels, ...overrides })
}
