import type {
  Account,
  ApiStatus,
  AuthState,
  Channel,
  ChannelInput,
  ConnectionStep,
  Message,
  Model,
  ModelCatalog,
  SessionPage,
  SessionSummary,
} from '../../../shared/contract.ts'
import { AppFailure } from '../../../shared/errors.ts'
import {
  createDispatcher,
  createEventHub,
  createMemoryTransportPair,
  serveTransport,
  type EventHub,
  type Handlers,
} from '../../../shared/rpc.ts'
import { createClient, type Client } from '../../../shared/rpc-client.ts'

export const testModels: Model[] = [
  {
    id: 'gpt-4o',
    name: 'GPT-4o',
    vendor: 'OpenAI',
    preview: false,
    isChatDefault: true,
    supportsVision: true,
    supportsTools: true,
    contextWindow: 128_000,
    multiplier: 0,
    supportsReasoning: false,
    availability: { state: 'ready' },
  },
  {
    id: 'claude-sonnet-4',
    name: 'Claude Sonnet 4',
    vendor: 'Anthropic',
    preview: false,
    isChatDefault: false,
    supportsVision: true,
    supportsTools: true,
    contextWindow: 200_000,
    multiplier: 1,
    supportsReasoning: true,
    availability: { state: 'ready' },
  },
  {
    id: 'gemini-2.5-pro',
    name: 'Gemini 2.5 Pro',
    vendor: 'Google',
    preview: true,
    isChatDefault: false,
    supportsVision: false,
    supportsTools: true,
    contextWindow: 1_000_000,
    multiplier: 0.33,
    supportsReasoning: true,
    availability: { state: 'ready' },
  },
]

/** The picker's lists as `models:list` returns them: `testModels`, nothing chosen yet. */
export function testCatalog(overrides: Partial<ModelCatalog> = {}): ModelCatalog {
  return {
    models: testModels,
    selectedId: null,
    smallModelId: null,
    favouriteIds: [],
    recentIds: [],
    ...overrides,
  }
}

/** The local API server as a fresh install has it: off, with a key ready. */
export const testApiStatus: ApiStatus = {
  enabled: false,
  port: 4141,
  url: null,
  apiKey: 'logai-test-key-0123456789abcdef',
  keySource: 'keychain',
  problem: null,
}

/** The account the fake core is signed in to unless told otherwise. */
export const signedIn: Extract<AuthState, { kind: 'signed_in' }> = {
  kind: 'signed_in',
  login: 'octocat',
  host: 'github.com',
  storage: 'keychain',
}

/** The plan and quota of the fake core's account unless told otherwise. */
export const testAccount: Account = {
  login: 'octocat',
  host: 'github.com',
  plan: 'individual_pro',
  quota: {
    id: 'premium_interactions',
    unlimited: false,
    entitlement: 300,
    remaining: 300,
    percentRemaining: 100,
    overagePermitted: true,
  },
  resetDate: '2025-08-01',
}

/** What the fake core's `network:test` answers unless told otherwise: every step reachable. */
export const testConnectionSteps: ConnectionStep[] = [
  {
    step: 'github',
    url: 'https://github.com/login/device',
    outcome: 'ok',
    message: 'Reached GitHub sign-in.',
  },
  {
    step: 'github_api',
    url: 'https://api.github.com/',
    outcome: 'ok',
    message: 'Reached the GitHub API.',
  },
  {
    step: 'copilot',
    url: 'https://api.githubcopilot.com/models',
    outcome: 'ok',
    message: 'Reached the Copilot API.',
  },
]

export function message(overrides: Partial<Message> & Pick<Message, 'id' | 'role'>): Message {
  return {
    sessionId: 's1',
    content: '',
    status: 'complete',
    createdAt: 1_700_000_000_000,
    ...overrides,
  }
}

type Call = { [C in Channel]: { channel: C; input: ChannelInput<C> } }[Channel]

/** The core's contract served over an in-memory transport pair, with small scripted handlers. */
export type FakeCore = {
  client: Client
  hub: EventHub
  calls: Call[]
  callsTo<C extends Channel>(channel: C): Array<ChannelInput<C>>
}

/** One page of `all` as the core answers `sessions:listPage`; the cursor is the next index. */
export function pageOf(
  all: SessionSummary[],
  { after, limit }: ChannelInput<'sessions:listPage'>,
): SessionPage {
  const start = after === undefined ? 0 : Number(after)
  const end = start + limit
  return {
    sessions: all.slice(start, end),
    next: end < all.length ? String(end) : null,
    total: all.length,
  }
}

/** What the fake core holds rather than how it answers. */
export type FakeCoreOptions = {
  /**
   * The history `sessions:listPage` pages through, so a test scripts it once. A function is asked
   * again for every page, so a test can change the list between requests, or fail or hold one.
   */
  sessions?: SessionSummary[] | (() => SessionSummary[] | Promise<SessionSummary[]>)
}

export function createFakeCore(
  overrides: Partial<Handlers> = {},
  { sessions = [] }: FakeCoreOptions = {},
): FakeCore {
  let sent = 0
  const history = typeof sessions === 'function' ? sessions : () => sessions
  const defaults: Handlers = {
    'auth:get': () => signedIn,
    'auth:start': () => undefined,
    'auth:cancel': () => undefined,
    'auth:signOut': () => undefined,
    'network:test': () => testConnectionSteps,
    'app:status': () => ({ configProblem: null, enterpriseHost: null, storageProblem: null }),
    'account:get': () => testAccount,
    'models:list': () => testCatalog(),
    'models:select': () => undefined,
    'models:favourite': () => undefined,
    'models:enable': ({ modelId }) => {
      const model = testModels.find((m) => m.id === modelId)
      if (!model) throw new AppFailure({ kind: 'model_unavailable', message: 'No such model.' })
      return { ...model, availability: { state: 'ready' } }
    },
    'models:selectSmall': () => undefined,
    'chat:send': ({ sessionId, modelId, text }) => {
      sent++
      const session = sessionId ?? 'session-new'
      return {
        streamId: `stream-${sent}`,
        sessionId: session,
        userMessage: message({
          id: `user-${sent}`,
          role: 'user',
          sessionId: session,
          content: text,
        }),
        assistantMessage: message({
          id: `answer-${sent}`,
          role: 'assistant',
          sessionId: session,
          status: 'streaming',
          modelId,
        }),
      }
    },
    'chat:regenerate': () => {
      throw new AppFailure({ kind: 'internal', message: 'chat:regenerate is not scripted.' })
    },
    'chat:edit': () => {
      throw new AppFailure({ kind: 'internal', message: 'chat:edit is not scripted.' })
    },
    'chat:continue': () => {
      throw new AppFailure({ kind: 'internal', message: 'chat:continue is not scripted.' })
    },
    'chat:stop': () => undefined,
    'sessions:setSystemPrompt': () => undefined,
    'settings:get': () => ({ defaultSystemPrompt: '' }),
    'settings:update': (patch) => ({ defaultSystemPrompt: '', ...patch }),
    'api:get': () => testApiStatus,
    'api:update': (change) => ({
      ...testApiStatus,
      ...change,
      url: change.enabled ? `http://127.0.0.1:${change.port ?? testApiStatus.port}` : null,
    }),
    'api:regenerateKey': () => ({ ...testApiStatus, apiKey: 'logai-regenerated-key-0123456789' }),
    'api:requests': () => ({ recent: [], days: [] }),
    'sessions:listPage': async (page) => pageOf(await history(), page),
    'sessions:get': ({ id }) => ({
      id,
      title: 'A session',
      modelId: 'gpt-4o',
      createdAt: 1,
      updatedAt: 1,
      pinned: false,
      systemPrompt: '',
      messages: [],
      hasOlder: false,
    }),
    'sessions:olderMessages': () => ({ messages: [], hasOlder: false }),
    'sessions:rename': () => undefined,
    'sessions:pin': () => undefined,
    'sessions:delete': () => undefined,
    'sessions:restore': () => undefined,
    'sessions:search': () => [],
    'sessions:export': ({ format }) => ({
      fileName: format === 'json' ? 'session.json' : 'session.md',
      mediaType: format === 'json' ? 'application/json' : 'text/markdown',
      content: '',
    }),
    'sessions:exportAll': () => ({
      fileName: 'logai-sessions.json',
      mediaType: 'application/json',
      content: '{}',
    }),
    'sessions:import': () => ({ imported: 0, skipped: 0 }),
    'prompts:history': () => [],
  }
  const calls: Call[] = []
  const handlers = { ...defaults, ...overrides }
  const recorded = Object.fromEntries(
    Object.entries(handlers).map(([channel, handler]) => [
      channel,
      (input: unknown) => {
        calls.push({ channel, input } as Call)
        return (handler as (input: unknown) => unknown)(input)
      },
    ]),
  ) as Handlers

  const [clientEnd, serverEnd] = createMemoryTransportPair()
  const hub = createEventHub()
  hub.attach(serverEnd)
  serveTransport(createDispatcher(recorded), serverEnd)

  return {
    client: createClient(clientEnd),
    hub,
    calls,
    callsTo<C extends Channel>(channel: C) {
      return calls.filter((call) => call.channel === channel).map((call) => call.input) as Array<
        ChannelInput<C>
      >
    },
  }
}
