import { createRequire } from 'node:module'
import { AppFailure } from '../../shared/errors.ts'
import type { SecretStore } from '../ports.ts'

type Keytar = {
  getPassword(service: string, account: string): Promise<string | null>
  setPassword(service: string, account: string, password: string): Promise<void>
  deletePassword(service: string, account: string): Promise<boolean>
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>
}

/** The keychain service name every LogAI item is stored under. */
export const keychainService = 'logai'

const hint =
  'On Linux, install and unlock a Secret Service keyring (for example gnome-keyring or KWallet).'

/**
 * The OS keychain through the keytar API (`@napi-rs/keyring/keytar`). A locked keyring can block
 * forever on a GUI prompt, so every call races a timeout and fails as `keychain_unavailable`.
 */
export function createKeychainStore(options: { timeoutMs?: number } = {}): SecretStore {
  const timeoutMs = options.timeoutMs ?? 5_000
  // The package has no ESM entry for this subpath; require() resolves it in Node and Electron alike.
  const keytar = createRequire(import.meta.url)('@napi-rs/keyring/keytar') as Keytar

  async function call<T>(what: string, run: () => Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(unavailable(`The keychain did not answer within ${timeoutMs / 1000} s.`)),
        timeoutMs,
      )
    })
    try {
      return await Promise.race([run(), timeout])
    } catch (thrown) {
      if (thrown instanceof AppFailure) throw thrown
      const reason = thrown instanceof Error ? thrown.message : String(thrown)
      throw unavailable(`Could not ${what} the keychain: ${reason}.`)
    } finally {
      clearTimeout(timer)
    }
  }

  return {
    kind: 'keychain',
    get: (account) => call('read', () => keytar.getPassword(keychainService, account)),
    set: (account, secret) =>
      call('write to', () => keytar.setPassword(keychainService, account, secret)),
    delete: (account) => call('update', () => keytar.deletePassword(keychainService, account)),
    accounts: async () =>
      (await call('read', () => keytar.findCredentials(keychainService))).map((c) => c.account),
  }
}

function unavailable(message: string): AppFailure {
  return new AppFailure({ kind: 'keychain_unavailable', message: `${message} ${hint}` })
}
