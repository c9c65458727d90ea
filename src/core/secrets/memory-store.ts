import type { SecretStore } from '../ports.ts'

/** Keeps secrets for the life of the process only (tests, `LOGAI_SECRET_STORE=memory`). */
export function createMemorySecretStore(): SecretStore {
  const secrets = new Map<string, string>()
  return {
    kind: 'memory',
    get: async (account) => secrets.get(account) ?? null,
    set: async (account, secret) => void secrets.set(account, secret),
    delete: async (account) => secrets.delete(account),
    accounts: async () => [...secrets.keys()],
  }
}
