import { startFakeUpstream } from '../../../../e2e/fake-upstream/index.ts'
import { createTestCore, signInThroughDeviceFlow } from '../../testing/test-core.ts'
import { createKeychainStore } from '../keychain-store.ts'

/**
 * Run in a child process whose D-Bus address leads nowhere: the keychain library keeps its first
 * connection for the life of a process, so "no Secret Service" needs a process of its own.
 * Prints one JSON line with what happened.
 */
const store = createKeychainStore({ timeoutMs: 2_000 })
const setError = await store.set('github.com/someone', 'x').then(
  () => undefined,
  (thrown: { error?: unknown }) => thrown.error,
)
const fake = await startFakeUpstream({ scenario: { deviceInterval: 1 } })
const t = createTestCore({
  githubUrl: fake.githubUrl,
  githubApiUrl: fake.githubApiUrl,
  secrets: store,
})
await t.core.ready
const signedIn = await signInThroughDeviceFlow(t)
const models = await t.client.request('models:list')
await t.close()
await fake.close()
process.stdout.write(`${JSON.stringify({ setError, signedIn, modelsOk: models.ok })}\n`)
