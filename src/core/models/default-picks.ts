import type { Model } from '../../shared/contract.ts'

const isReady = (model: Model | undefined): model is Model => model?.availability.state === 'ready'

/**
 * The model a chat starts with: the remembered pick, else config `defaultModel`, else the one
 * Copilot marks `is_chat_default` (§6.1), else the first the account can use. Only ready picker
 * models qualify, so a pick that now needs enabling or left the plan falls through (and
 * comes back once usable: the remembered id is kept).
 */
export function pickSelectedId(
  picker: readonly Model[],
  remembered: string | undefined,
  configured: string | undefined,
): string | null {
  const byId = (id: string | undefined) => picker.find((m) => m.id === id)
  const pick =
    [byId(remembered), byId(configured)].find(isReady) ??
    picker.find((m) => m.isChatDefault && isReady(m)) ??
    picker.find(isReady)
  return pick?.id ?? null
}

/**
 * The model that names conversations: the one picked in Settings, else config `smallModel`
 * (either may name any listed chat model, also one the picker leaves out), else the first ready
 * picker model included in the plan (multiplier 0), `lightweight` ones first: a title costs no
 * premium request that way. Else none, and conversations keep the prompt's first words.
 */
export function pickSmallModelId(
  picker: readonly Model[],
  known: readonly Model[],
  picked: string | undefined,
  configured: string | undefined,
): string | null {
  const byId = (id: string | undefined) => known.find((m) => m.id === id)
  const pick =
    [byId(picked), byId(configured)].find(isReady) ??
    picker.find((m) => isReady(m) && m.category === 'lightweight' && m.multiplier === 0) ??
    picker.find((m) => isReady(m) && m.multiplier === 0)
  return pick?.id ?? null
}
