import { chromium, type Browser } from 'playwright-core'
import { chromiumArgs } from '../e2e/support/chromium-args.ts'

export { chromiumArgs }

/** Headless Chromium (Debian's unless CHROMIUM_PATH says otherwise). */
export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, args: chromiumArgs })
}
