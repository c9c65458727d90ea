import { readFile } from 'node:fs/promises'
import { expect, type Download, type Locator, type Page } from '@playwright/test'
import type { FakeUpstream } from '../fake-upstream/index.ts'
import { answers, messageText, sendMessage } from './conversation.ts'
import { signIn, test as base } from './fixtures.ts'
import { launchWebHost, makeDataDir, type RunningHost } from './launch-web-host.ts'

/**
 * The fixtures plus `launch`, which starts another web host on the same fake upstream (on the
 * test's data folder unless told otherwise) and stops it after the test: restarts, crashes and
 * a second LogAI on a fresh folder.
 */
export const test = base.extend<{
  launch: (dataDir?: string) => Promise<RunningHost>
  /** Another fresh folder, removed afterwards. */
  otherDataDir: string
}>({
  launch: async ({ fake, dataDir }, use) => {
    const started: RunningHost[] = []
    await use(async (dir = dataDir) => {
      const host = await launchWebHost({ fake, dataDir: dir })
      started.push(host)
      return host
    })
    for (const host of started) await host.stop()
  },
  otherDataDir: async ({}, use) => {
    const dir = makeDataDir()
    await use(dir.path)
    dir.remove()
  },
})

/**
 * Stops `host` (or kills it, as a crash would), starts it again on the same data folder and
 * signs in once more: the memory secret store forgets the sign-in, the database must not.
 */
export async function restart(
  page: Page,
  host: RunningHost,
  launch: () => Promise<RunningHost>,
  how: 'stop' | 'kill' = 'stop',
): Promise<RunningHost> {
  await (how === 'kill' ? host.kill() : host.stop())
  const again = await launch()
  await signIn(page, again)
  return again
}

/** The sidebar's history. */
export function sessionsNav(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Sessions' })
}

/** The sessions listed, top first (group headings are not list items). */
export function sessionRows(page: Page): Locator {
  return sessionsNav(page).getByRole('listitem')
}

/**
 * The sessions' own buttons, top first: their text is the title. ("More actions", shown on the
 * row under the pointer or focus, is left out.)
 */
export function sessionTitles(page: Page): Locator {
  return sessionRows(page).getByRole('button', { name: /^(?!More actions$)/ })
}

/** The button that opens a session; it is named exactly by the session's title. */
export function sessionButton(page: Page, title: string): Locator {
  return sessionsNav(page).getByRole('button', { name: title, exact: true })
}

/** The row holding a session, with its "More actions" button while hovered or focused. */
export function sessionRow(page: Page, title: string): Locator {
  // `has` is looked for inside each row, so it starts from the page, not from the navigation.
  return sessionRows(page).filter({ has: page.getByRole('button', { name: title, exact: true }) })
}

/** The sidebar's "Search sessions" box. */
export function searchBox(page: Page): Locator {
  return page.getByRole('searchbox', { name: 'Search sessions' })
}

/** The "Deleted …" / "Imported …" notice under the history. */
export function sessionNotice(page: Page): Locator {
  return page.getByRole('status').filter({ hasText: /^(Deleted|Imported) / })
}

/** Opens a session's "More actions" menu with the pointer, as a person would. */
export async function openSessionMenu(page: Page, title: string): Promise<Locator> {
  const row = sessionRow(page, title)
  await row.hover()
  const more = row.getByRole('button', { name: 'More actions' })
  await more.click()
  await expect(more).toHaveAttribute('aria-expanded', 'true')
  const menu = page.getByRole('menu', { name: `Actions for ${title}` })
  await expect(menu).toBeVisible()
  return menu
}

/** Picks an item of a session's "More actions" menu. */
export async function chooseSessionAction(
  page: Page,
  title: string,
  action: 'Rename' | 'Pin' | 'Unpin' | 'Delete',
) {
  const menu = await openSessionMenu(page, title)
  await menu.getByRole('menuitem', { name: action, exact: true }).click()
  await expect(menu).toHaveCount(0)
}

/** Export → Markdown or JSON from a session's menu; resolves to the downloaded file. */
export async function exportSession(
  page: Page,
  title: string,
  format: 'Markdown' | 'JSON',
): Promise<{ name: string; text: string }> {
  const menu = await openSessionMenu(page, title)
  await menu.getByRole('menuitem', { name: 'Export', exact: true }).click()
  const submenu = page.getByRole('menu', { name: 'Export as' })
  const download = page.waitForEvent('download')
  await submenu.getByRole('menuitem', { name: format, exact: true }).click()
  return downloaded(await download)
}

/** A finished download's suggested name and its text. */
export async function downloaded(download: Download): Promise<{ name: string; text: string }> {
  const path = await download.path()
  return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') }
}

/** One conversation: what is asked, what the fake answers, and the title its heading becomes. */
export type Chat = { prompt: string; answer: string; title: string }

/**
 * Starts a new chat, sends `chat.prompt` and waits for the answer and then for the title the
 * small model writes. The fake answers title requests with the scenario answer too, and LogAI
 * keeps the first line without its markdown: the answer's heading is the title. The scenario
 * is changed only once the previous title is in, so no title request gets the next answer.
 */
export async function startChat(
  page: Page,
  fake: FakeUpstream,
  chat: Chat,
  options: { checkFirstWords?: boolean } = {},
) {
  await page.getByRole('button', { name: 'New chat' }).click()
  await expect(page.getByRole('article')).toHaveCount(0)
  fake.setScenario({ answer: chat.answer })
  await sendMessage(page, chat.prompt)
  // Until then the session is listed under the prompt's first words (with a slow enough stream,
  // the answer and the title request take long enough to see them).
  if (options.checkFirstWords) await expect(sessionButton(page, chat.prompt)).toBeVisible()
  const lastLine = chat.answer.trim().split('\n').at(-1) ?? ''
  await expect(messageText(answers(page).last())).toContainText(lastLine, { timeout: 20_000 })
  await expect(sessionButton(page, chat.title)).toBeVisible({ timeout: 20_000 })
}
