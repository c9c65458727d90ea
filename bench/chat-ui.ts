import type { Page } from 'playwright-core'

// The app is driven the way a person uses it, by role and accessible name (as the e2e specs do).
// Queries for the composer's controls look inside the composer only: a role query over the whole
// page computes the name of every button in it, and a 1 MB answer holds hundreds (each code
// block's Copy). Polled while the page is measured, that took 200–300 ms tasks of its own.

const composer = (page: Page) => page.locator('form.composer')

export async function signIn(page: Page, url: string): Promise<void> {
  await page.goto(url)
  await page.getByRole('button', { name: 'Sign in with GitHub' }).click({ timeout: 20_000 })
  await page.getByRole('textbox', { name: 'Message' }).waitFor({ timeout: 30_000 })
}

/** Types the message and presses Send once the app allows it (a model is picked, no answer runs). */
export async function sendMessage(page: Page, text: string): Promise<void> {
  await composer(page).getByRole('textbox', { name: 'Message' }).fill(text)
  await composer(page).getByRole('button', { name: 'Send', exact: true }).click({ timeout: 20_000 })
}

export async function pressStop(page: Page): Promise<void> {
  await composer(page).getByRole('button', { name: 'Stop', exact: true }).click()
}

export async function startNewChat(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'New chat', exact: true }).click()
}

/** Opens a past conversation from the sidebar by its title. */
export async function openConversation(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: title }).click({ timeout: 20_000 })
}

/** Waits until the answer is over as far as the composer can tell: Send is back. */
export async function waitForComposerIdle(page: Page, timeoutMs = 30_000): Promise<void> {
  await composer(page)
    .getByRole('button', { name: 'Send', exact: true })
    .waitFor({ timeout: timeoutMs })
}
