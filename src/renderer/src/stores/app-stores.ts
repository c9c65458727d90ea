import type { Client } from '../../../shared/rpc-client.ts'
import { createApiStore, type ApiStore } from './api-store.ts'
import { createAccountStore, type AccountStore } from './account-store.ts'
import { createAuthStore, type AuthStore } from './auth-store.ts'
import {
  activeStreamId,
  createChatStore,
  type ChatStore,
  type ChatStoreOptions,
} from './chat-store.ts'
import { createConnectionTestStore, type ConnectionTestStore } from './connection-test-store.ts'
import { createModelsStore, type ModelsStore } from './models-store.ts'
import { createNoticesStore, type NoticesStore } from './notices-store.ts'
import { createSessionsStore, type SessionsStore } from './sessions-store.ts'
import { createSettingsStore, type SettingsStore } from './settings-store.ts'

/** Every store of one running app, wired to the core's events. */
export type AppStores = {
  auth: AuthStore
  account: AccountStore
  models: ModelsStore
  sessions: SessionsStore
  chat: ChatStore
  notices: NoticesStore
  settings: SettingsStore
  api: ApiStore
  connectionTest: ConnectionTestStore
  /** Stops listening to the core. */
  dispose(): void
}

export function createAppStores(client: Client, options: ChatStoreOptions = {}): AppStores {
  const auth = createAuthStore(client)
  const account = createAccountStore(client)
  const models = createModelsStore(client)
  const sessions = createSessionsStore(client)
  const chat = createChatStore(client, {
    onModelUsed: (modelId) => models.getState().noteUsed(modelId),
    ...options,
  })
  const notices = createNoticesStore()
  const settings = createSettingsStore(client)
  const api = createApiStore(client)
  const connectionTest = createConnectionTestStore(client)

  const isSignedIn = () => auth.getState().auth?.kind === 'signed_in'

  const stopAuthWatch = auth.subscribe((state, previous) => {
    // A result belongs to the screen it was asked from; signing in makes it stale as well.
    if (state.auth?.kind !== previous.auth?.kind) connectionTest.getState().close()
    const was = previous.auth?.kind === 'signed_in'
    const is = state.auth?.kind === 'signed_in'
    if (is && !was) {
      void account.getState().load()
      void models.getState().load()
      void sessions.getState().load()
      void settings.getState().load()
      void api.getState().load()
    } else if (was && !is) {
      account.getState().reset()
      models.getState().reset()
      sessions.getState().reset()
      settings.getState().reset()
      api.getState().reset()
      chat.getState().reset()
    }
  })

  void client.request('app:status').then((status) => {
    if (!status.ok) return
    notices.getState().showConfigProblem(status.value.configProblem)
    notices.getState().showStorageProblem(status.value.storageProblem)
    auth.getState().suggestEnterpriseHost(status.value.enterpriseHost)
  })

  // New chats start with the app-wide system prompt, whenever it is loaded or changed.
  const stopSettingsWatch = settings.subscribe((state) => {
    if (state.settings) chat.getState().setDefaultSystemPrompt(state.settings.defaultSystemPrompt)
  })

  const unsubscribers = [
    stopAuthWatch,
    stopSettingsWatch,
    client.on('auth:changed', (state) => auth.getState().receive(state)),
    client.on('account:changed', (payload) => {
      if (isSignedIn()) account.getState().receive(payload)
    }),
    client.on('chat:delta', (payload) => chat.getState().receiveDelta(payload)),
    client.on('api:changed', (status) => api.getState().receiveStatus(status)),
    client.on('api:requested', (request) => api.getState().receiveRequest(request)),
    client.on('chat:retrying', (payload) => chat.getState().receiveRetrying(payload)),
    client.on('chat:done', (payload) => chat.getState().receiveDone(payload)),
    client.on('chat:failed', (payload) => chat.getState().receiveFailed(payload)),
    client.on('sessions:changed', () => {
      if (!isSignedIn()) return
      void sessions.getState().load()
      // A streaming answer this window did not start only settles through a reload.
      const state = chat.getState()
      const orphaned =
        state.messages.some((m) => m.status === 'streaming') && !activeStreamId(state)
      if (orphaned) void state.refresh()
    }),
  ]

  return {
    auth,
    account,
    models,
    sessions,
    chat,
    notices,
    settings,
    api,
    connectionTest,
    dispose() {
      for (const unsubscribe of unsubscribers) unsubscribe()
    },
  }
}
