import { chromium, type Browser } from 'playwright-core'

/**
 * The switches playwright.config.ts launches Chromium with, so the benchmarks see the browser the
 * end-to-end tests see. Without the network ones Chromium keeps calling Google services.
 */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

/** Headless Chromium (Debian's unless CHROMIUM_PATH says otherwise). */
export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, args: chromiumArgs })
}
