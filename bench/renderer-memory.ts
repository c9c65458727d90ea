import { readFile } from 'node:fs/promises'
import type { Browser } from 'playwright-core'

/**
 * Memory of this browser's renderer processes (the page's, plus two Chromium keeps for itself
 * that stay idle, so differences are the page's): private (unshared) resident memory, the part
 * a renderer alone costs the machine. Linux only; null where /proc cannot be read.
 */
export async function rendererPrivateBytes(browser: Browser): Promise<number | null> {
  const session = await browser.newBrowserCDPSession()
  try {
    const { processInfo } = (await session.send('SystemInfo.getProcessInfo')) as {
      processInfo: { type: string; id: number }[]
    }
    let total = 0
    for (const process of processInfo.filter((p) => p.type === 'renderer')) {
      const bytes = await privateBytes(process.id)
      if (bytes === null) return null
      total += bytes
    }
    return total
  } catch {
    return null
  } finally {
    await session.detach().catch(() => undefined)
  }
}

async function privateBytes(pid: number): Promise<number | null> {
  let text: string
  try {
    text = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8')
  } catch {
    return null
  }
  let kilobytes = 0
  for (const match of text.matchAll(/^Private_(?:Clean|Dirty):\s+(\d+) kB$/gm)) {
    kilobytes += Number(match[1])
  }
  return kilobytes * 1024
}
