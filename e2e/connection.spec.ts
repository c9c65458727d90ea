import { type Locator } from '@playwright/test'
import { expect, signIn, test } from './support/fixtures.ts'

/** The step of the connection test named `label`, and the verdict it shows in words. */
const expectStep = async (panel: Locator, label: string, verdict: 'OK' | 'Failed' | 'Skipped') => {
  const item = panel
    .getByRole('listitem')
    .filter({ has: panel.page().getByText(label, { exact: true }) })
  await expect(item).toHaveCount(1)
  await expect(item.getByText(verdict, { exact: true })).toBeVisible()
}

test('signed out, the test reaches GitHub and skips Copilot', async ({ page, host }) => {
  await page.goto(host.url)
  await page.getByRole('button', { name: 'Test connection' }).click()

  const panel = page.getByRole('region', { name: 'Connection test' })
  await expect(panel.getByRole('listitem')).toHaveCount(3, { timeout: 15_000 })
  await expectStep(panel, 'GitHub sign-in', 'OK')
  await expectStep(panel, 'GitHub API', 'OK')
  await expectStep(panel, 'Copilot API', 'Skipped')
  await expect(panel.getByRole('alert')).toHaveCount(0)

  await page.keyboard.press('Escape')
  await expect(panel).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Test connection' })).toBeFocused()
})

test('signed in, every step is OK from the account panel', async ({ page, host }) => {
  await signIn(page, host)
  const account = page.getByRole('region', { name: 'Account' })
  await account.getByRole('button', { name: 'Test connection' }).click()

  const panel = page.getByRole('region', { name: 'Connection test' })
  await expect(panel.getByRole('listitem')).toHaveCount(3, { timeout: 15_000 })
  await expectStep(panel, 'GitHub sign-in', 'OK')
  await expectStep(panel, 'GitHub API', 'OK')
  await expectStep(panel, 'Copilot API', 'OK')
  await expect(panel.getByRole('status')).toHaveText('No problems found.')

  await panel.getByRole('button', { name: 'Close' }).click()
  await expect(panel).toHaveCount(0)
})
