import { asRecord } from './records.ts'

/** Which shape `/chat/completions` streams for a model (§7.2): decided by its vendor. */
export type ChatFamily = 'gpt' | 'claude' | 'gemini'

/** What the server needs to know about a model entry, read defensively from `unknown`. */
export type ModelFacts = {
  entry: Record<string, unknown>
  id: string
  name: string
  version: string
  family: ChatFamily
  isChat: boolean
  endpoints: string[] | undefined
  policyState: string | undefined
  multiplier: number
  /** §6.1 `billing.restricted_to`: the plans that may use the model; absent = every plan. */
  restrictedTo: string[] | undefined
  supportsVision: boolean
  /** §6.1 `supports.reasoning_effort`; empty when the model takes no effort setting. */
  reasoningEfforts: string[]
  /** §9: `{type:"adaptive"}` thinking. */
  adaptiveThinking: boolean
  /** §9: `{type:"enabled", budget_tokens}` thinking: the model lists `thinking` or a budget. */
  budgetThinking: boolean
  maxPromptTokens: number | undefined
}

function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((item) => typeof item === 'string') : undefined
}

function familyOf(vendor: unknown): ChatFamily {
  if (vendor === 'Anthropic') return 'claude'
  if (vendor === 'Google') return 'gemini'
  return 'gpt'
}

export function findModel(models: unknown[], id: string): ModelFacts | undefined {
  for (const item of models) {
    const entry = asRecord(item)
    if (entry['id'] !== id) continue
    const capabilities = asRecord(entry['capabilities'])
    const supports = asRecord(capabilities['supports'])
    const limits = asRecord(capabilities['limits'])
    const billing = asRecord(entry['billing'])
    const policy = asRecord(entry['policy'])
    const maxPrompt = limits['max_prompt_tokens']
    return {
      entry,
      id,
      name: typeof entry['name'] === 'string' ? entry['name'] : id,
      version: typeof entry['version'] === 'string' ? entry['version'] : id,
      family: familyOf(entry['vendor']),
      isChat: capabilities['type'] === 'chat',
      endpoints: strings(entry['supported_endpoints']),
      policyState: typeof policy['state'] === 'string' ? policy['state'] : undefined,
      multiplier: typeof billing['multiplier'] === 'number' ? billing['multiplier'] : 0,
      restrictedTo: strings(billing['restricted_to']),
      supportsVision: supports['vision'] === true,
      reasoningEfforts: strings(supports['reasoning_effort']) ?? [],
      adaptiveThinking: supports['adaptive_thinking'] === true,
      budgetThinking:
        supports['thinking'] === true || typeof supports['max_thinking_budget'] === 'number',
      maxPromptTokens: typeof maxPrompt === 'number' ? maxPrompt : undefined,
    }
  }
  return undefined
}
