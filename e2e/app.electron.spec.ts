import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { _electron as electron } from '@playwright/test'
import { startFakeUpstream } from './fake-upstream/index.ts'
import { expect, test } from './support/fixtures.ts'
import { makeDataDir } from './support/launch-web-host.ts'

/** The Electron binary, when this machine has one (its download is blocked on our build machines). */
function electronBinary(): string | undefined {
  const dir = join('node_modules', 'electron')
  const pathFile = join(dir, 'path.txt')
  if (!existsSync(pathFile)) return undefined
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? binary : undefined
}

const binary = electronBinary()

test.skip(
  !binary,
  'The Electron binary is not installed on this machine (node_modules/electron/path.txt).',
)

test('the desktop app signs in, streams an answer and keeps its security baseline', async () => {
  const fake = await startFakeUpstream({ scenario: { deviceInterval: 1, chunkDelayMs: 5 } })
  const data = makeDataDir()
  const app = await electron.launch({
    executablePath: binary,
    args: ['.'],
    env: {
      ...process.env,
      LOGAI_GITHUB_URL: fake.githubUrl,
      LOGAI_GITHUB_API_URL: fake.githubApiUrl,
      LOGAI_DATA_DIR: data.path,
      LOGAI_SECRET_STORE: 'memory',
    },
  })
  try {
    const window = await app.firstWindow()
    expect(window.url()).toMatch(/^app:\/\/logai\//)
    // No Node in the page, and the bridge exposes only the two allow-listed functions.
    const page = await window.evaluate(() => {
      const g = globalThis as Record<string, unknown>
      const bridge = g.logai as Record<string, unknown> | undefined
      return {
        require: typeof g.require,
        process: typeof g.process,
        bridge: bridge ? Object.keys(bridge).sort() : null,
      }
    })
    expect(page).toEqual({
      require: 'undefined',
      process: 'undefined',
      bridge: ['onFrame', 'send'],
    })

    await window.getByRole('button', { name: 'Sign in with GitHub' }).click()
    await expect(window.getByText('Signed in as octocat')).toBeVisible({ timeout: 15_000 })
    await window.getByRole('textbox', { name: 'Message' }).fill('echo: hello from Electron')
    await window.keyboard.press('Enter')
    await expect(window.getByRole('article').last()).toContainText('hello from Electron')
    await expect(
      window.getByRole('navigation', { name: 'Sessions' }).getByRole('listitem'),
    ).toHaveCount(1)
  } finally {
    await app.close()
    await fake.close()
    data.remove()
  }
})
