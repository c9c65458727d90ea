/**
 * The names of every request channel and event, without their schemas, so the Electron preload
 * can allow-list them without bundling zod. `contract.ts` checks that these match its schemas.
 */
export const channelNames = [
  'auth:get',
  'auth:start',
  'auth:cancel',
  'auth:signOut',
  'account:get',
  'network:test',
  'app:status',
  'models:list',
  'models:select',
  'models:favourite',
  'models:enable',
  'models:selectSmall',
  'chat:send',
  'chat:regenerate',
  'chat:edit',
  'chat:continue',
  'chat:stop',
  'sessions:setSystemPrompt',
  'settings:get',
  'settings:update',
  'api:get',
  'api:update',
  'api:regenerateKey',
  'api:requests',
  'sessions:listPage',
  'sessions:get',
  'sessions:olderMessages',
  'sessions:rename',
  'sessions:pin',
  'sessions:delete',
  'sessions:restore',
  'sessions:search',
  'sessions:export',
  'sessions:exportAll',
  'sessions:import',
  'prompts:history',
] as const

/** The names of every event. */
export const eventNames = [
  'auth:changed',
  'account:changed',
  'chat:delta',
  'chat:retrying',
  'chat:done',
  'chat:failed',
  'sessions:changed',
  'api:changed',
  'api:requested',
] as const

/**
 * True only when `A` and `B` are the same union: for the compile-time checks that a zod-free
 * list (the names above, the error kinds in `errors.ts`) names exactly what its schemas do.
 */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never

/** The one Electron IPC channel RPC frames travel on. */
export const ipcFrameChannel = 'logai:rpc'

const channelSet: ReadonlySet<string> = new Set(channelNames)
const eventSet: ReadonlySet<string> = new Set(eventNames)

/** Whether `name` is a request channel (no zod needed). */
export function isChannelName(name: unknown): name is (typeof channelNames)[number] {
  return typeof name === 'string' && channelSet.has(name)
}

/** Whether `name` is an event (no zod needed). */
export function isEventNameValue(name: unknown): name is (typeof eventNames)[number] {
  return typeof name === 'string' && eventSet.has(name)
}
