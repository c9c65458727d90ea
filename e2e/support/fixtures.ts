import { test as base, expect, type Page } from '@playwright/test'
import { startFakeUpstream, type FakeUpstream } from '../fake-upstream/index.ts'
import { launchWebHost, makeDataDir, type RunningHost } from './launch-web-host.ts'

type Fixtures = {
  /** Fails the test if the page broke its own content security policy (any page of the test). */
  noCspViolations: void
  /** A fresh fake GitHub + Copilot with a fast device flow. */
  fake: FakeUpstream
  dataDir: string
  /** The web host, started on the fake upstream and a fresh data folder. */
  host: RunningHost
}

export const test = base.extend<Fixtures>({
  noCspViolations: [
    async ({ context }, use) => {
      const violations: string[] = []
      await context.exposeFunction('__logaiCspViolation', (what: string) => violations.push(what))
      await context.addInitScript(() => {
        // Runs in the page; this file is type-checked without the DOM's types.
        type Violation = {
          violatedDirective: string
          blockedURI: string
          sourceFile: string
          lineNumber: number
          columnNumber: number
        }
        const page = globalThis as unknown as {
          document: { addEventListener(type: string, listener: (event: Violation) => void): void }
          __logaiCspViolation?: (what: string) => void
        }
        page.document.addEventListener('securitypolicyviolation', (event) =>
          page.__logaiCspViolation?.(
            `${event.violatedDirective} blocked ${event.blockedURI || 'inline code'} at ` +
              `${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`,
          ),
        )
      })
      await use()
      expect(violations, 'content security policy violations').toEqual([])
    },
    { auto: true },
  ],
  fake: async ({}, use) => {
    const fake = await startFakeUpstream({ scenario: { deviceInterval: 1, chunkDelayMs: 5 } })
    await use(fake)
    await fake.close()
  },
  dataDir: async ({}, use) => {
    const dir = makeDataDir()
    await use(dir.path)
    dir.remove()
  },
  host: async ({ fake, dataDir }, use) => {
    const host = await launchWebHost({ fake, dataDir })
    await use(host)
    await host.stop()
  },
})

export { expect }

/** Signs in through the UI; the fake approves on the second poll. */
export async function signIn(page: Page, host: RunningHost) {
  await page.goto(host.url)
  await page.getByRole('button', { name: 'Sign in with GitHub' }).click()
  await expect(page.getByText('Signed in as octocat')).toBeVisible({ timeout: 15_000 })
}
