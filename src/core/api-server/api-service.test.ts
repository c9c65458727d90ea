import { createServer } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startFakeUpstream, type FakeUpstream } from '../../../e2e/fake-upstream/index.ts'
import { createMemorySecretStore } from '../secrets/memory-store.ts'
import type { SecretStore } from '../ports.ts'
import { createTestCore, signInThroughDeviceFlow, type TestCore } from '../testing/test-core.ts'

let fake: FakeUpstream
let secrets: SecretStore
const cores: TestCore[] = []

beforeEach(async () => {
  fake = await startFakeUpstream({ scenario: { deviceInterval: 1, autoApproveAfterPolls: 0 } })
  secrets = createMemorySecretStore()
})

afterEach(async () => {
  for (const core of cores.splice(0)) await core.close()
  await fake.close()
})

async function start(env: Record<string, string> = {}, dataDir?: string) {
  const t = createTestCore({
    githubUrl: fake.githubUrl,
    githubApiUrl: fake.githubApiUrl,
    secrets,
    env,
    ...(dataDir ? { dataDir } : {}),
  })
  cores.push(t)
  await t.core.ready
  return t
}

async function status(t: TestCore) {
  const result = await t.client.request('api:get')
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}

const listModels = (url: string, key: string) =>
  fetch(`${url}/v1/models`, { headers: { Authorization: `Bearer ${key}` } })

/** A port something else is listening on. */
async function takenPort(): Promise<{ port: number; release(): Promise<void> }> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('no port')
  return { port: address.port, release: () => new Promise((r) => server.close(() => r())) }
}

describe('the local API service', () => {
  it('is off by default, and when switched on serves the signed-in account with its key', async () => {
    const t = await start()
    expect(await status(t)).toMatchObject({ enabled: false, url: null, keySource: 'memory' })
    await signInThroughDeviceFlow(t)
    const { port, release } = await takenPort()
    await release()
    const changed = t.next('api:changed')
    const on = await t.client.request('api:update', { enabled: true, port })
    if (!on.ok) throw new Error(on.error.message)
    expect(on.value.url).toBe(`http://127.0.0.1:${port}`)
    expect((await changed).url).toBe(on.value.url)

    const logged = t.next('api:requested')
    const response = await listModels(on.value.url!, on.value.apiKey)
    expect(response.status).toBe(200)
    expect((await logged).endpoint).toBe('/v1/models')
    const requests = await t.client.request('api:requests')
    expect(requests.ok && requests.value.recent[0]).toMatchObject({ status: 200 })
    expect(requests.ok && requests.value.days[0]?.requests).toBe(1)

    const off = await t.client.request('api:update', { enabled: false })
    expect(off.ok && off.value).toMatchObject({ enabled: false, url: null })
    await expect(listModels(on.value.url!, on.value.apiKey)).rejects.toThrow()
  })

  it('refuses the old key after Regenerate key', async () => {
    const t = await start()
    await signInThroughDeviceFlow(t)
    const on = await t.client.request('api:update', { enabled: true, port: 0 as never })
    // Port 0 is refused by the contract: a person picks a real port.
    expect(on.ok).toBe(false)
    const { port, release } = await takenPort()
    await release()
    const running = await t.client.request('api:update', { enabled: true, port })
    if (!running.ok) throw new Error(running.error.message)
    const regenerated = await t.client.request('api:regenerateKey')
    if (!regenerated.ok) throw new Error(regenerated.error.message)
    expect(regenerated.value.apiKey).not.toBe(running.value.apiKey)
    expect((await listModels(regenerated.value.url!, running.value.apiKey)).status).toBe(401)
    expect((await listModels(regenerated.value.url!, regenerated.value.apiKey)).status).toBe(200)
  })

  it('says the port is taken instead of failing silently', async () => {
    const t = await start()
    const taken = await takenPort()
    try {
      const on = await t.client.request('api:update', { enabled: true, port: taken.port })
      expect(on.ok && on.value).toMatchObject({
        enabled: true,
        url: null,
        problem: `Port ${taken.port} is already in use by another program. Choose another port.`,
      })
    } finally {
      await taken.release()
    }
  })

  it('remembers the switch, the port and the key (in the keychain) across restarts', async () => {
    const first = await start()
    const { port, release } = await takenPort()
    await release()
    const on = await first.client.request('api:update', { enabled: true, port })
    if (!on.ok) throw new Error(on.error.message)
    expect(await secrets.get('local-api-key')).toBe(on.value.apiKey)
    await first.core.close()

    const second = await start({}, first.dataDir)
    expect(await status(second)).toMatchObject({
      enabled: true,
      url: `http://127.0.0.1:${port}`,
      apiKey: on.value.apiKey,
    })
  })

  it('starts headless from LOGAI_API_PORT and LOGAI_API_KEY', async () => {
    const key = 'logai-from-the-environment-0123456789'
    const t = await start({ LOGAI_API_PORT: '0', LOGAI_API_KEY: key })
    const running = await status(t)
    expect(running).toMatchObject({ enabled: true, apiKey: key, keySource: 'environment' })
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    // Signed out: the server answers, but only with a clear 401 naming the reason.
    const response = await listModels(running.url!, key)
    expect(response.status).toBe(401)
  })
})
