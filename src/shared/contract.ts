import { z } from 'zod'
import {
  type channelNames,
  type eventNames,
  type Same,
  isChannelName,
  isEventNameValue,
} from './channel-names.ts'
import { appErrorSchema } from './error-schema.ts'
import {
  imageMediaTypes,
  maxImageBytes,
  maxImagesPerMessage,
  maxMessageLength,
  maxSystemPromptLength,
} from './limits.ts'

/** Where a GitHub token is kept: the OS keychain, or memory only (tests, or no usable keychain). */
export const tokenStorageSchema = z.enum(['keychain', 'memory'])

/** The sign-in state machine as the renderer sees it. Tokens never appear here. */
export const authStateSchema = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('signed_out'), error: appErrorSchema.optional() }),
    z.object({ kind: z.literal('requesting_code') }),
    z.object({
      kind: z.literal('awaiting_user'),
      userCode: z.string(),
      verificationUri: z.string(),
      /** Epoch ms when the code stops working. */
      expiresAt: z.number(),
      /** The gap GitHub asked for between polls, in ms. */
      intervalMs: z.number(),
      /**
       * `waiting`: polling as asked; `slowed_down`: GitHub asked for a longer gap (§1.4);
       * `reconnecting`: the last poll failed (network, 5xx) and polling goes on with a pause.
       */
      polling: z.enum(['waiting', 'slowed_down', 'reconnecting']),
    }),
    z.object({ kind: z.literal('completing') }),
    z.object({
      kind: z.literal('signed_in'),
      login: z.string(),
      host: z.string(),
      storage: tokenStorageSchema,
      /** Why the token could not be kept in the keychain, when it could not. */
      storageWarning: z.string().optional(),
    }),
  ]),
)
export type AuthState = z.infer<typeof authStateSchema>

/** A premium-request or chat quota (copilot-protocol.md §3, §11.3). */
export const quotaSchema = z.lazy(() =>
  z.object({
    /** `premium_interactions` or `chat`. */
    id: z.string(),
    unlimited: z.boolean(),
    /** Requests per period; fractional for multiplier models. */
    entitlement: z.number(),
    remaining: z.number(),
    percentRemaining: z.number(),
    overagePermitted: z.boolean(),
  }),
)
export type Quota = z.infer<typeof quotaSchema>

/** The signed-in account: who, which plan, and what is left of its quota. */
export const accountSchema = z.lazy(() =>
  z.object({
    login: z.string(),
    host: z.string(),
    plan: z.string().nullable(),
    quota: quotaSchema.nullable(),
    /** ISO date the quota resets, when known. */
    resetDate: z.string().nullable(),
  }),
)
export type Account = z.infer<typeof accountSchema>

/** One step of "Test connection": what was tried, and where it failed (issue 3 §8). */
export const connectionStepSchema = z.lazy(() =>
  z.object({
    /** `github`: the sign-in site; `github_api`: token and account calls; `copilot`: the chat API. */
    step: z.enum(['github', 'github_api', 'copilot']),
    url: z.string(),
    outcome: z.enum(['ok', 'dns', 'connect', 'tls', 'proxy', 'timeout', 'http', 'skipped']),
    /** What happened, for people; names the fix where there is one. */
    message: z.string(),
  }),
)
export type ConnectionStep = z.infer<typeof connectionStepSchema>

/**
 * Whether a listed model can be used now: `needs_enable` models have a policy to accept first
 * (`POST /models/{id}/policy`, §10.1); `restricted` ones are not in this plan (§6.1 `restricted_to`).
 */
export const modelAvailabilitySchema = z.lazy(() =>
  z.discriminatedUnion('state', [
    z.object({ state: z.literal('ready') }),
    z.object({ state: z.literal('needs_enable'), terms: z.string().optional() }),
    z.object({ state: z.literal('restricted'), reason: z.string() }),
  ]),
)
export type ModelAvailability = z.infer<typeof modelAvailabilitySchema>

/** What images a vision model takes (§6.1 `limits.vision`). */
export const visionLimitsSchema = z.lazy(() =>
  z.object({
    maxImages: z.number(),
    maxImageBytes: z.number(),
    mediaTypes: z.array(z.string()),
  }),
)
export type VisionLimits = z.infer<typeof visionLimitsSchema>

/** A chat model the account may pick, with what it supports and costs. */
export const modelSchema = z.lazy(() =>
  z.object({
    id: z.string(),
    name: z.string(),
    vendor: z.string(),
    preview: z.boolean(),
    isChatDefault: z.boolean(),
    /** `lightweight`, `versatile` or `powerful`, when the service says. */
    category: z.string().optional(),
    supportsVision: z.boolean(),
    supportsTools: z.boolean(),
    /** The model can stream its reasoning (effort levels or thinking budgets, §6.1). */
    supportsReasoning: z.boolean(),
    contextWindow: z.number().optional(),
    /** The input budget the service enforces (`max_prompt_tokens`). */
    maxPromptTokens: z.number().optional(),
    maxOutputTokens: z.number().optional(),
    /** Premium-request multiplier; 0 means included in the plan. */
    multiplier: z.number().optional(),
    /** USD per million tokens, where `/models` gives token prices (§6.1 `token_prices`). */
    tokenPrices: z
      .object({ input: z.number(), output: z.number(), cached: z.number().optional() })
      .optional(),
    vision: visionLimitsSchema.optional(),
    availability: modelAvailabilitySchema,
  }),
)
export type Model = z.infer<typeof modelSchema>

/** The picker's lists: every model, and what the person chose, starred and used lately. */
export const modelCatalogSchema = z.lazy(() =>
  z.object({
    models: z.array(modelSchema),
    selectedId: z.string().nullable(),
    /** The model that names conversations (config `smallModel`, or the one picked in Settings). */
    smallModelId: z.string().nullable(),
    favouriteIds: z.array(z.string()),
    /** Most recent first. */
    recentIds: z.array(z.string()),
  }),
)
export type ModelCatalog = z.infer<typeof modelCatalogSchema>

/** Who wrote a message. */
export const messageRoleSchema = z.enum(['user', 'assistant'])

/** How an assistant message ended; user messages are always `complete`. */
export const messageStatusSchema = z.enum([
  'complete',
  'streaming',
  'stopped',
  'failed',
  'interrupted',
])

/** An image attached to a user message, as base64 without the `data:` prefix. */
export const imageSchema = z.lazy(() =>
  z.object({
    mediaType: z.enum(imageMediaTypes),
    base64: z
      .string()
      .min(1)
      .max(Math.ceil(maxImageBytes / 3) * 4)
      .regex(/^[A-Za-z0-9+/]+={0,2}$/),
  }),
)
export type Image = z.infer<typeof imageSchema>

/** What an answer used, from the stream's usage (§7.2), and what it cost where prices are known. */
export const usageSchema = z.lazy(() =>
  z.object({
    promptTokens: z.number(),
    completionTokens: z.number(),
    cachedTokens: z.number().optional(),
    reasoningTokens: z.number().optional(),
    /** USD, from the model's token prices (§6.1). */
    costUsd: z.number().optional(),
    /** Premium requests this answer counted, from the model multiplier (§5.3: `user` requests). */
    premiumRequests: z.number().optional(),
  }),
)
export type Usage = z.infer<typeof usageSchema>

/** One message of a conversation, as stored and shown. */
export const messageSchema = z.lazy(() =>
  z.object({
    id: z.string(),
    sessionId: z.string(),
    role: messageRoleSchema,
    content: z.string(),
    status: messageStatusSchema,
    modelId: z.string().optional(),
    error: appErrorSchema.optional(),
    createdAt: z.number(),
    /** The model's streamed reasoning ("Thinking"), where it sent any. */
    reasoning: z.string().optional(),
    usage: usageSchema.optional(),
    images: z.array(imageSchema).optional(),
  }),
)
export type Message = z.infer<typeof messageSchema>

/** A conversation as the sidebar lists it. */
export const sessionSummarySchema = z.lazy(() =>
  z.object({
    id: z.string(),
    title: z.string(),
    modelId: z.string(),
    createdAt: z.number(),
    updatedAt: z.number(),
    /** Pinned sessions are listed first. */
    pinned: z.boolean(),
  }),
)
export type SessionSummary = z.infer<typeof sessionSummarySchema>

/** The most sessions one `sessions:listPage` answer holds. */
export const maxSessionPageSize = 2_000

/**
 * One page of the sidebar's list, in the list's order (pinned first, then newest first). `next`
 * is an opaque position to pass as `after` for the page that follows, null after the last page;
 * `total` is how many sessions the whole list held when this page was read.
 */
export const sessionPageSchema = z.lazy(() =>
  z.object({
    sessions: z.array(sessionSummarySchema),
    next: z.string().nullable(),
    total: z.int().min(0),
  }),
)
export type SessionPage = z.infer<typeof sessionPageSchema>

/**
 * A conversation with its system prompt ('' for none) and its latest messages, oldest first;
 * `hasOlder` says earlier ones exist (`sessions:olderMessages` fetches them).
 */
export const sessionSchema = z.lazy(() =>
  sessionSummarySchema.unwrap().extend({
    systemPrompt: z.string(),
    messages: z.array(messageSchema),
    hasOlder: z.boolean(),
  }),
)

/** A page of earlier messages, oldest first. */
export const messagePageSchema = z.lazy(() =>
  z.object({
    messages: z.array(messageSchema),
    hasOlder: z.boolean(),
  }),
)

/** One full-text search hit: the session, and the message that matched (null for the title). */
export const searchHitSchema = z.lazy(() =>
  z.object({
    sessionId: z.string(),
    title: z.string(),
    updatedAt: z.number(),
    messageId: z.string().nullable(),
    /** The matching passage; `highlights` are [start, end) character ranges of matched terms. */
    snippet: z.string(),
    highlights: z.array(z.tuple([z.number(), z.number()])),
  }),
)
export type SearchHit = z.infer<typeof searchHitSchema>

/** A file the renderer offers for download: its suggested name, type and text. */
export const exportFileSchema = z.lazy(() =>
  z.object({
    fileName: z.string(),
    mediaType: z.string(),
    content: z.string(),
  }),
)
export type ExportFile = z.infer<typeof exportFileSchema>
export type Session = z.infer<typeof sessionSchema>

const id = z.string().min(1).max(200)

const none = z.void()
const messageText = z.string().trim().min(1).max(maxMessageLength)
const systemPrompt = z.string().max(maxSystemPromptLength)

/** What every way of starting an answer returns: the stream to follow and the two turns. */
const answerStartedSchema = z.lazy(() =>
  z.object({
    streamId: z.string(),
    sessionId: z.string(),
    /** The person's message the answer replies to. */
    userMessage: messageSchema,
    /** The answer, streaming; for `chat:continue` the same message as before, growing. */
    assistantMessage: messageSchema,
  }),
)

/** The local OpenAI/Anthropic-compatible API server as Settings shows it (issue 6 §1). */
export const apiStatusSchema = z.lazy(() =>
  z.object({
    /** Switched on by the person (or by `LOGAI_API_PORT`); off by default. */
    enabled: z.boolean(),
    port: z.number(),
    /** `http://127.0.0.1:<port>` while it runs. */
    url: z.string().nullable(),
    /**
     * The key local tools present. It is the person's own key for their own tools, shown so it can
     * be copied; it grants nothing outside this machine and is never a GitHub or Copilot token.
     */
    apiKey: z.string(),
    /** Where the key is kept: the keychain, memory (this run only) or `LOGAI_API_KEY`. */
    keySource: z.enum(['keychain', 'memory', 'environment']),
    /** Why it is not running although switched on (port taken, signed out…). */
    problem: z.string().nullable(),
  }),
)
export type ApiStatus = z.infer<typeof apiStatusSchema>

/** One request the local API answered (issue 6 §4). */
export const apiRequestSchema = z.lazy(() =>
  z.object({
    at: z.number(),
    durationMs: z.number(),
    client: z.string(),
    endpoint: z.string(),
    model: z.string().nullable(),
    upstream: z.string().nullable(),
    stream: z.boolean(),
    status: z.number(),
    inputTokens: z.number().nullable(),
    outputTokens: z.number().nullable(),
    error: z.string().optional(),
  }),
)
export type ApiRequest = z.infer<typeof apiRequestSchema>

/** Requests to the local API on one day (local time, `YYYY-MM-DD`). */
export const apiDayTotalsSchema = z.lazy(() =>
  z.object({
    day: z.string(),
    requests: z.number(),
    inputTokens: z.number(),
    outputTokens: z.number(),
    errors: z.number(),
  }),
)
export type ApiDayTotals = z.infer<typeof apiDayTotalsSchema>

/** App-wide preferences. */
export const settingsSchema = z.lazy(() =>
  z.object({
    /** The system prompt new conversations start with ('' for none). */
    defaultSystemPrompt: systemPrompt,
  }),
)
export type Settings = z.infer<typeof settingsSchema>

/**
 * A record whose values are built on first read: zod takes tens of milliseconds to build every
 * schema of the contract, and a window starting needs a handful of them (issue 5, first page
 * painted). The shared schemas above are `z.lazy` for the same reason.
 */
function lazyRecord<T extends Record<string, () => unknown>>(
  builders: T,
): { readonly [K in keyof T]: ReturnType<T[K]> } {
  const record = {}
  for (const [key, build] of Object.entries(builders)) {
    let built: unknown
    Object.defineProperty(record, key, {
      enumerable: true,
      get: () => (built ??= build()),
    })
  }
  return record as { readonly [K in keyof T]: ReturnType<T[K]> }
}

/** Every request channel: `domain:verb` → its input and output schemas. */
export const channels = lazyRecord({
  /** The current sign-in state. */
  'auth:get': () => ({ input: none, output: authStateSchema }),
  /**
   * Starts the GitHub device flow; progress arrives as `auth:changed`. `enterpriseHost` signs in
   * to a GitHub Enterprise Cloud tenant (`acme.ghe.com`, §4.1) instead of github.com.
   */
  'auth:start': () => ({
    input: z.object({ enterpriseHost: z.string().trim().min(1).max(253).optional() }).optional(),
    output: none,
  }),
  /** Stops a device flow in progress. */
  'auth:cancel': () => ({ input: none, output: none }),
  /** Forgets the GitHub token (keychain item included) and the Copilot token. */
  'auth:signOut': () => ({ input: none, output: none }),
  /** How this run of LogAI started: a `config.json` it could not use is reported here. */
  'app:status': () => ({
    input: none,
    output: z.object({
      configProblem: z.string().nullable(),
      /** The GHE.com tenant `config.json` names, offered at sign-in. */
      enterpriseHost: z.string().nullable(),
      /**
       * What happened to the history database at start, for people: a corrupt file moved aside
       * (and where), a read-only folder, a database from a newer LogAI.
       */
      storageProblem: z.string().nullable(),
    }),
  }),
  /** Tries each service LogAI talks to, in order, and says which step fails and why. */
  'network:test': () => ({ input: none, output: z.array(connectionStepSchema) }),
  /** The signed-in account's plan and quota, fetched from GitHub (§3). */
  'account:get': () => ({ input: none, output: accountSchema }),
  /** The chat models this account can pick, and the person's choices among them. */
  'models:list': () => ({ input: none, output: modelCatalogSchema }),
  /** Remembers the picked model across restarts. */
  'models:select': () => ({ input: z.object({ modelId: id }), output: none }),
  /** Stars or unstars a model; starred ones are listed first. */
  'models:favourite': () => ({
    input: z.object({ modelId: id, favourite: z.boolean() }),
    output: none,
  }),
  /** Accepts a model's policy (§10.1) and returns the model as it now is. */
  'models:enable': () => ({ input: z.object({ modelId: id }), output: modelSchema }),
  /** Picks the model that names conversations. */
  'models:selectSmall': () => ({ input: z.object({ modelId: id }), output: none }),
  /** Sends a message; the answer streams as `chat:delta` and ends with `chat:done`/`chat:failed`. */
  'chat:send': () => ({
    input: z.object({
      /** null starts a new session. */
      sessionId: id.nullable(),
      modelId: id,
      text: messageText,
      images: z.array(imageSchema).max(maxImagesPerMessage).optional(),
      /** A new session's system prompt; absent = the app-wide default. */
      systemPrompt: systemPrompt.optional(),
    }),
    output: answerStartedSchema,
  }),
  /** Answers the person's message again: the answer `messageId` and every later turn are replaced. */
  'chat:regenerate': () => ({
    input: z.object({ sessionId: id, messageId: id, modelId: id }),
    output: answerStartedSchema,
  }),
  /** Replaces the text of the person's message `messageId`, drops every later turn, and resends. */
  'chat:edit': () => ({
    input: z.object({ sessionId: id, messageId: id, modelId: id, text: messageText }),
    output: answerStartedSchema,
  }),
  /** Asks the model to carry on an answer that was cut off; the text is appended to it. */
  'chat:continue': () => ({
    input: z.object({ sessionId: id, messageId: id, modelId: id }),
    output: answerStartedSchema,
  }),
  /**
   * Aborts a streaming answer; the partial text is kept as the person saw it: `shownLength` is how
   * many characters were on screen when they pressed Stop, and nothing after them is shown or saved.
   */
  'chat:stop': () => ({
    input: z.object({ streamId: id, shownLength: z.int().min(0).optional() }),
    output: none,
  }),
  /** Sets the system prompt of one conversation. */
  'sessions:setSystemPrompt': () => ({ input: z.object({ id, systemPrompt }), output: none }),
  'settings:get': () => ({ input: none, output: settingsSchema }),
  /** The local API server: switch, port, key, state. */
  'api:get': () => ({ input: none, output: apiStatusSchema }),
  /** Switches the local API server on or off, or moves it to another port. */
  'api:update': () => ({
    input: z.object({
      enabled: z.boolean().optional(),
      port: z.int().min(1).max(65_535).optional(),
    }),
    output: apiStatusSchema,
  }),
  /** Replaces the key; tools using the old one are refused from now on. */
  'api:regenerateKey': () => ({ input: none, output: apiStatusSchema }),
  /** The latest requests to the local API, newest first, and totals per day. */
  'api:requests': () => ({
    input: none,
    output: z.object({ recent: z.array(apiRequestSchema), days: z.array(apiDayTotalsSchema) }),
  }),
  'settings:update': () => ({ input: settingsSchema.unwrap().partial(), output: settingsSchema }),
  /**
   * All sessions, pinned first, then newest first, a page at a time, so the first rows can be
   * shown before the rest is read and no one answer holds the whole history:
   * `limit` sessions after `after` (a previous page's `next`), or from the top without it.
   */
  'sessions:listPage': () => ({
    input: z.object({
      after: z.string().min(1).max(100).optional(),
      limit: z.int().min(1).max(maxSessionPageSize),
    }),
    output: sessionPageSchema,
  }),
  /** One session with its latest `limit` messages (the store's page size without it). */
  'sessions:get': () => ({
    input: z.object({ id, limit: z.int().min(1).max(500).optional() }),
    output: sessionSchema,
  }),
  /** The messages before `beforeId`, latest first in pages of `limit`, returned oldest first. */
  'sessions:olderMessages': () => ({
    input: z.object({ id, beforeId: id, limit: z.int().min(1).max(500).optional() }),
    output: messagePageSchema,
  }),
  'sessions:rename': () => ({
    input: z.object({ id, title: z.string().trim().min(1).max(200) }),
    output: none,
  }),
  'sessions:pin': () => ({ input: z.object({ id, pinned: z.boolean() }), output: none }),
  /** Moves a session out of the list; `sessions:restore` brings it back (Undo). */
  'sessions:delete': () => ({ input: z.object({ id }), output: none }),
  'sessions:restore': () => ({ input: z.object({ id }), output: none }),
  /** Full-text search over titles and message text, best matches first. */
  'sessions:search': () => ({
    input: z.object({
      query: z.string().trim().min(1).max(500),
      limit: z.int().min(1).max(200).optional(),
    }),
    output: z.array(searchHitSchema),
  }),
  /** One session as Markdown or JSON. */
  'sessions:export': () => ({
    input: z.object({ id, format: z.enum(['markdown', 'json']) }),
    output: exportFileSchema,
  }),
  /** Every session as one JSON file that `sessions:import` reads back exactly. */
  'sessions:exportAll': () => ({ input: none, output: exportFileSchema }),
  /** Imports an export; sessions already present (same id) are skipped, never duplicated. */
  'sessions:import': () => ({
    input: z.object({
      content: z
        .string()
        .min(1)
        .max(512 * 1024 * 1024),
    }),
    output: z.object({ imported: z.number(), skipped: z.number() }),
  }),
  /** The person's earlier prompts, newest first, for Up/Down in the message box. */
  'prompts:history': () => ({ input: none, output: z.array(z.string()) }),
})

/** Every event: `domain:noun` or past tense → its payload schema. */
export const events = lazyRecord({
  'auth:changed': () => authStateSchema,
  /** The plan or quota changed (after sign-in, and from the quota headers of each answer). */
  'account:changed': () => accountSchema,
  /** Text appended to a streaming answer, batched (at most ~60 a second per stream). */
  'chat:delta': () =>
    z.object({
      streamId: z.string(),
      /** Answer text to append; may be empty when only reasoning arrived. */
      text: z.string(),
      /** "Thinking" text to append. */
      reasoning: z.string().optional(),
    }),
  /** A request failed before any answer arrived and is tried again after `delayMs` (§11.1). */
  'chat:retrying': () =>
    z.object({
      streamId: z.string(),
      attempt: z.number(),
      delayMs: z.number(),
      message: z.string(),
    }),
  'chat:done': () => z.object({ streamId: z.string(), message: messageSchema }),
  'chat:failed': () =>
    z.object({ streamId: z.string(), error: appErrorSchema, message: messageSchema }),
  'sessions:changed': () => z.object({}),
  /** The local API server started, stopped, moved or got a new key. */
  'api:changed': () => apiStatusSchema,
  /** The local API answered a request (the request log grew). */
  'api:requested': () => apiRequestSchema,
})

export type Channels = typeof channels
export type Channel = keyof Channels
export type ChannelInput<C extends Channel> = z.infer<Channels[C]['input']>
export type ChannelOutput<C extends Channel> = z.infer<Channels[C]['output']>
export type Events = typeof events
export type EventName = keyof Events
export type EventPayload<E extends EventName> = z.infer<Events[E]>

// The preload's zod-free name lists must name exactly the channels and events above.
const channelNamesMatch: Same<Channel, (typeof channelNames)[number]> = true
const eventNamesMatch: Same<EventName, (typeof eventNames)[number]> = true
void channelNamesMatch
void eventNamesMatch

/** Whether `name` is a request channel of the contract. */
export function isChannel(name: unknown): name is Channel {
  return isChannelName(name)
}

/** Whether `name` is an event of the contract. */
export function isEventName(name: unknown): name is EventName {
  return isEventNameValue(name)
}
