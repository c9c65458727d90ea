import { existsSync } from 'node:fs'
import { defineConfig } from '@playwright/test'
import { chromiumArgs } from './e2e/support/chromium-args.ts'

// Playwright cannot download its browsers on our machines, so the tests use Debian's Chromium
// (`apt-get install chromium`). CHROMIUM_PATH points elsewhere; with neither, Playwright falls
// back to a browser of its own where one is installed.
const chromiumPath =
  process.env['CHROMIUM_PATH'] ??
  (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined)

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  // Two cores: each test starts a web host and a fake upstream of its own.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  // A stray test.only would quietly skip the rest of the suite.
  forbidOnly: Boolean(process.env['CI']),
  reporter: 'list',
  timeout: 60_000,
  use: { trace: 'retain-on-failure' },
  projects: [
    {
      name: 'chromium',
      testIgnore: '**/*.electron.spec.ts',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: chromiumPath,
          args: chromiumArgs,
        },
      },
    },
    {
      // Launches the real app through Electron; the spec skips itself where the binary is absent.
      name: 'electron',
      testMatch: '**/*.electron.spec.ts',
    },
  ],
})
