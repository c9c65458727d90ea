import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startFakeUpstream, type FakeUpstream } from '../../../e2e/fake-upstream/index.ts'
import { createTestCore, signInThroughDeviceFlow } from '../testing/test-core.ts'
import { createKeychainStore, keychainService } from './keychain-store.ts'

/**
 * @napi-rs/keyring stores the account under the attribute `username`.
 * These run against a real gnome-keyring in a private D-Bus session (scripts/with-keyring.sh),
 * and check the item out of band with `secret-tool`, as a person debugging their keyring would.
 */
function lookUp(account: string): string {
  try {
    return execFileSync(
      'secret-tool',
      ['lookup', 'service', keychainService, 'username', account],
      {
        encoding: 'utf8',
      },
    )
  } catch {
    return ''
  }
}

describe.runIf(process.env.LOGAI_KEYRING_TEST === '1')('keychain (real Secret Service)', () => {
  let fake: FakeUpstream

  beforeEach(async () => {
    fake = await startFakeUpstream({ scenario: { deviceInterval: 1 } })
  })
  afterEach(async () => {
    await fake.close()
  })

  it('stores the GitHub token in the keychain and stays signed in after a restart', async () => {
    const urls = { githubUrl: fake.githubUrl, githubApiUrl: fake.githubApiUrl }
    const first = createTestCore({ ...urls, secrets: createKeychainStore() })
    const state = await signInThroughDeviceFlow(first)
    expect(state).toMatchObject({ kind: 'signed_in', login: 'octocat', storage: 'keychain' })
    const account = `${new URL(fake.githubUrl).host}/octocat`
    expect(lookUp(account)).toMatch(/^ghu_/)
    await first.core.close()

    // A new core on the same data folder is a restart of the host.
    const second = createTestCore({
      ...urls,
      secrets: createKeychainStore(),
      dataDir: first.dataDir,
    })
    await second.core.ready
    expect(second.core.auth.state()).toMatchObject({ kind: 'signed_in', login: 'octocat' })
    const models = await second.client.request('models:list')
    expect(models.ok).toBe(true)

    await second.client.request('auth:signOut')
    expect(lookUp(account)).toBe('')
    await second.close()
    await first.close()
  })

  it('still signs in, for this run only, when no Secret Service answers', () => {
    const probe = fileURLToPath(new URL('./testing/keychain-probe.ts', import.meta.url))
    const output = execFileSync(
      process.execPath,
      ['--disable-warning=ExperimentalWarning', probe],
      {
        encoding: 'utf8',
        env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' },
        timeout: 30_000,
      },
    )
    const result = JSON.parse(output) as Record<string, unknown>
    expect(result.setError).toMatchObject({ kind: 'keychain_unavailable' })
    expect(result.signedIn).toMatchObject({
      kind: 'signed_in',
      storage: 'memory',
      storageWarning: expect.stringMatching(/keychain/i),
    })
    expect(result.modelsOk).toBe(true)
  })
})
