import { createServer, type AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startFakeUpstream, type FakeUpstream } from '../../../e2e/fake-upstream/index.ts'
import type { HttpFetch } from '../ports.ts'
import { createTestCore, signInThroughDeviceFlow, type TestCore } from '../testing/test-core.ts'

let fake: FakeUpstream
let cores: TestCore[] = []

beforeEach(async () => {
  fake = await startFakeUpstream({ scenario: { deviceInterval: 1, autoApproveAfterPolls: 0 } })
})
afterEach(async () => {
  for (const t of cores) await t.close()
  cores = []
  await fake.close()
})

function core(options: { githubUrl?: string; fetch?: HttpFetch } = {}) {
  const t = createTestCore({
    githubUrl: options.githubUrl ?? fake.githubUrl,
    githubApiUrl: fake.githubApiUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  })
  cores.push(t)
  return t
}

async function test(t: TestCore) {
  const result = await t.client.request('network:test')
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}

/** A network whose every call fails the way Node's fetch does, with this cause code. */
function failing(code: string, message = 'fetch failed'): HttpFetch {
  return async () => {
    throw new TypeError('fetch failed', { cause: Object.assign(new Error(message), { code }) })
  }
}

describe('Test connection', () => {
  it('reaches GitHub and its API, and skips Copilot until signed in', async () => {
    const steps = await test(core())
    expect(steps.map((s) => [s.step, s.outcome])).toEqual([
      ['github', 'ok'],
      ['github_api', 'ok'],
      ['copilot', 'skipped'],
    ])
  })

  it('reaches Copilot at endpoints.api with the sign-in', async () => {
    const t = core()
    await signInThroughDeviceFlow(t)
    const steps = await test(t)
    expect(steps.at(-1)).toMatchObject({
      step: 'copilot',
      outcome: 'ok',
      url: `${fake.copilotUrl}/models`,
    })
  })

  it('says which layer fails: DNS, TLS, proxy, refused connection', async () => {
    expect((await test(core({ fetch: failing('ENOTFOUND') })))[0]).toMatchObject({
      outcome: 'dns',
      message: expect.stringMatching(/DNS could not resolve/),
    })
    expect(
      (await test(core({ fetch: failing('UNABLE_TO_VERIFY_LEAF_SIGNATURE') })))[0],
    ).toMatchObject({
      outcome: 'tls',
      message: expect.stringMatching(/NODE_EXTRA_CA_CERTS/),
    })
    expect(
      (await test(core({ fetch: failing('ECONNRESET', 'Proxy response (407) !== 200') })))[0],
    ).toMatchObject({
      outcome: 'proxy',
      message: expect.stringMatching(/HTTPS_PROXY/),
    })
    // A real refused connection: a port that was free a moment ago.
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const { port } = closed.address() as AddressInfo
    await new Promise((resolve) => closed.close(resolve))
    expect((await test(core({ githubUrl: `http://127.0.0.1:${port}` })))[0]).toMatchObject({
      outcome: 'connect',
      message: expect.stringMatching(/ECONNREFUSED/),
    })
  })

  it('reports a Copilot refusal with its reason', async () => {
    const t = core()
    await signInThroughDeviceFlow(t)
    fake.setScenario({ retiredApiVersions: ['2025-05-01'] })
    const steps = await test(t)
    expect(steps.at(-1)).toMatchObject({
      outcome: 'http',
      message: expect.stringMatching(/copilotApiVersion/),
    })
  })
})
