import type { Handlers } from '../shared/rpc.ts'
import type { AccountService } from './account/account-service.ts'
import type { AuthService } from './auth/auth-service.ts'
import type { ChatService } from './chat/chat-service.ts'
import { listModels } from './copilot/list-models.ts'
import type { CopilotDeps } from './copilot/copilot-request.ts'
import { testConnection } from './network/test-connection.ts'
import type { SessionStore } from './sessions/session-store.ts'
import type { StateFile } from './settings/state-file.ts'

/** Implements every contract channel on top of the services. */
export function createHandlers(services: {
  auth: AuthService
  account: AccountService
  chat: ChatService
  copilot: CopilotDeps
  sessions: SessionStore
  state: StateFile
  /** From `config.json`: picked until the person picks a model. */
  defaultModel: string | undefined
  /** What was wrong with `config.json`, when it could not be used. */
  configProblem: string | undefined
  /** The GHE.com tenant `config.json` names. */
  enterpriseHost: string | undefined
}): Handlers {
  const { auth, account, chat, copilot, sessions, state } = services
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
    'models:list': async () => ({
      models: await listModels(copilot),
      selectedId: state.read().selectedModelId ?? services.defaultModel ?? null,
    }),
    'models:select': ({ modelId }) => state.update({ selectedModelId: modelId }),
    'chat:send': (input) => chat.send(input),
    'chat:stop': ({ streamId }) => chat.stop(streamId),
    'sessions:list': () => sessions.listSessions(),
    'sessions:get': ({ id }) => sessions.getSession(id),
  }
}
