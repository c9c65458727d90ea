import type { Handlers } from '../shared/rpc.ts'
import type { AccountService } from './account/account-service.ts'
import type { ApiService } from './api-server/api-service.ts'
import type { AuthService } from './auth/auth-service.ts'
import type { ChatService } from './chat/chat-service.ts'
import type { CopilotDeps } from './copilot/copilot-request.ts'
import type { ModelService } from './models/model-service.ts'
import { testConnection } from './network/test-connection.ts'
import { exportFileName, sessionMarkdown } from './export/session-markdown.ts'
import type { SessionStore } from './sessions/session-store.ts'
import type { StateFile } from './settings/state-file.ts'

/** Implements every contract channel on top of the services. */
export function createHandlers(services: {
  auth: AuthService
  account: AccountService
  chat: ChatService
  models: ModelService
  api: ApiService
  copilot: CopilotDeps
  sessions: SessionStore
  state: StateFile
  /** What was wrong with `config.json`, when it could not be used. */
  configProblem: string | undefined
  /** The GHE.com tenant `config.json` names. */
  enterpriseHost: string | undefined
  /** What happened to the history database at start. */
  storageProblem(): Promise<string | null>
  emitSessionsChanged(): void
}): Handlers {
  const { auth, account, chat, models, api, copilot, sessions, state } = services
  /** Runs a change to the history and tells every window the list changed. */
  const changed = async <T>(change: Promise<T>): Promise<T> => {
    const result = await change
    services.emitSessionsChanged()
    return result
  }
  const settings = () => ({ defaultSystemPrompt: state.read().defaultSystemPrompt ?? '' })
  return {
    'auth:get': () => auth.state(),
    'auth:start': (input) => auth.start(input?.enterpriseHost),
    'auth:cancel': () => auth.cancel(),
    'auth:signOut': () => auth.signOut(),
    'account:get': () => account.get(),
    'app:status': async () => ({
      configProblem: services.configProblem ?? null,
      enterpriseHost: services.enterpriseHost ?? null,
      storageProblem: await services.storageProblem(),
    }),
    'network:test': () => testConnection({ fetch: copilot.fetch, auth, copilot }),
    'models:list': () => models.list(),
    'models:select': ({ modelId }) => models.select(modelId),
    'models:favourite': ({ modelId, favourite }) => models.favourite(modelId, favourite),
    'models:enable': ({ modelId }) => models.enable(modelId),
    'models:selectSmall': ({ modelId }) => models.selectSmall(modelId),
    'chat:send': (input) => chat.send(input),
    'chat:regenerate': (input) => chat.regenerate(input),
    'chat:edit': (input) => chat.edit(input),
    'chat:continue': (input) => chat.continue(input),
    'chat:stop': ({ streamId, shownLength }) => chat.stop(streamId, shownLength),
    'sessions:listPage': (page) => sessions.listSessionPage(page),
    'sessions:get': ({ id, limit }) => sessions.getSession(id, limit),
    'sessions:olderMessages': ({ id, beforeId, limit }) =>
      sessions.olderMessages(id, beforeId, limit),
    'sessions:setSystemPrompt': ({ id, systemPrompt }) =>
      sessions.setSystemPrompt(id, systemPrompt),
    'sessions:rename': async ({ id, title }) => {
      await changed(sessions.renameSession(id, title, 'person'))
    },
    'sessions:pin': ({ id, pinned }) => changed(sessions.pinSession(id, pinned)),
    // An answer still streaming into a deleted session would go on using the person's quota
    // unseen: it stops (so does one that starts meanwhile), and Undo brings it back as stopped.
    'sessions:delete': async ({ id }) => {
      await chat.closeSession(id)
      try {
        await changed(sessions.deleteSession(id))
      } catch (error) {
        chat.reopenSession(id)
        throw error
      }
    },
    'sessions:restore': async ({ id }) => {
      await changed(sessions.restoreSession(id))
      chat.reopenSession(id)
    },
    'sessions:search': ({ query, limit }) => sessions.search(query, limit ?? 50),
    'sessions:export': async ({ id, format }) => {
      if (format === 'json') {
        const session = await sessions.getSession(id, 1)
        return {
          fileName: exportFileName(session.title, 'json'),
          mediaType: 'application/json',
          content: await sessions.exportSessionsJson([id]),
        }
      }
      const session = await sessions.getConversation(id)
      return {
        fileName: exportFileName(session.title, 'md'),
        mediaType: 'text/markdown',
        content: sessionMarkdown(session, (modelId) => models.model(modelId)?.name),
      }
    },
    'sessions:exportAll': async () => ({
      fileName: `logai-sessions-${new Date(copilot.clock.now()).toISOString().slice(0, 10)}.json`,
      mediaType: 'application/json',
      content: await sessions.exportSessionsJson(),
    }),
    'sessions:import': ({ content }) => changed(sessions.importSessions(content)),
    'prompts:history': () => sessions.promptHistory(200),
    'settings:get': () => settings(),
    'settings:update': (patch) => {
      state.update(patch)
      return settings()
    },
    'api:get': () => api.status(),
    'api:update': (change) => api.update(change),
    'api:regenerateKey': () => api.regenerateKey(),
    'api:requests': () => api.requests(),
  }
}
