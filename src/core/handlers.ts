import type { Handlers } from '../shared/rpc.ts'
import type { AccountService } from './account/account-service.ts'
import type { ApiService } from './api-server/api-service.ts'
import type { AuthService } from './auth/auth-service.ts'
import type { ChatService } from './chat/chat-service.ts'
import type { CopilotDeps } from './copilot/copilot-request.ts'
import type { ModelService } from './models/model-service.ts'
import { testConnection } from './network/test-connection.ts'
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
}): Handlers {
  const { auth, account, chat, models, api, copilot, sessions, state } = services
  const settings = () => ({ defaultSystemPrompt: state.read().defaultSystemPrompt ?? '' })
  return {
    'auth:get': () => auth.state(),
    'auth:start': (input) => auth.start(input?.enterpriseHost),
    'auth:cancel': () => auth.cancel(),
    'auth:signOut': () => auth.signOut(),
    'account:get': () => account.get(),
    'app:status': () => ({
      configProblem: services.configProblem ?? null,
      enterpriseHost: services.enterpriseHost ?? null,
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
    'chat:stop': ({ streamId }) => chat.stop(streamId),
    'sessions:list': () => sessions.listSessions(),
    'sessions:get': ({ id }) => sessions.getSession(id),
    'sessions:setSystemPrompt': ({ id, systemPrompt }) =>
      sessions.setSystemPrompt(id, systemPrompt),
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
