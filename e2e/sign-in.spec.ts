import { answers, messageText } from './support/conversation.ts'
import { expect, signIn, test } from './support/fixtures.ts'
import { pickModel } from './support/model-picker.ts'

const userCode = /^[A-Z0-9]{4}-[A-Z0-9]{4}$/

test('an expired code offers a new one', async ({ page, fake, host }) => {
  fake.setScenario({ autoApproveAfterPolls: null, deviceError: 'expired_token' })
  await page.goto(host.url)
  await page.getByRole('button', { name: 'Sign in with GitHub' }).click()

  const alert = page.getByRole('alert')
  await expect(alert.getByRole('heading', { name: 'The code expired' })).toBeVisible({
    timeout: 15_000,
  })
  await page.getByRole('button', { name: 'Get a new code' }).click()

  await expect(page.getByText(userCode)).toBeVisible()
  await expect(page.getByRole('status').filter({ hasText: /Waiting/ })).toBeVisible()
  await expect(page.getByRole('alert')).toHaveCount(0)
  const codeRequests = fake.requests.filter((r) => r.path === '/github/login/device/code')
  expect(codeRequests).toHaveLength(2)
})

test('an account without Copilot gets the reason and a link to the plans', async ({
  page,
  fake,
  host,
}) => {
  fake.setScenario({ exchange: 'no_access' })
  await page.goto(host.url)
  await page.getByRole('button', { name: 'Sign in with GitHub' }).click()

  const alert = page.getByRole('alert')
  await expect(alert.getByRole('heading', { name: 'No Copilot access' })).toBeVisible({
    timeout: 15_000,
  })
  await expect(alert).toContainText('No access to GitHub Copilot found')
  const plans = alert.getByRole('link', { name: 'See Copilot plans' })
  await expect(plans).toHaveAttribute('href', 'https://github.com/features/copilot/plans')
  await expect(plans).toHaveAttribute('target', '_blank')
  await expect(plans).toHaveAttribute('rel', 'noopener noreferrer')
  await expect(page.getByRole('button', { name: 'Sign in with another account' })).toBeVisible()
})

test('the account panel shows the plan and the premium requests left', async ({ page, host }) => {
  await signIn(page, host)
  const account = page.getByRole('region', { name: 'Account' })
  await expect(account.getByText('Signed in as octocat')).toBeVisible()
  // The fake's /copilot_internal/user: plan individual_pro, 300 premium requests, none used.
  await expect(account.getByText('Copilot Pro+')).toBeVisible()
  await expect(account.getByText('300 of 300 premium requests left')).toBeVisible()
  const bar = account.getByRole('progressbar', { name: 'Premium requests left' })
  await expect(bar).toHaveAttribute('aria-valuemin', '0')
  await expect(bar).toHaveAttribute('aria-valuemax', '300')
  await expect(bar).toHaveAttribute('aria-valuenow', '300')
  await expect(account.getByText(/^Resets \S/)).toBeVisible()
})

test('the quota follows the answers', async ({ page, host }) => {
  await signIn(page, host)
  const account = page.getByRole('region', { name: 'Account' })
  await expect(account.getByText('300 of 300 premium requests left')).toBeVisible()

  // Claude Sonnet 4.5 costs one premium request; the answer's quota header says what is left.
  await pickModel(page, 'Claude Sonnet 4.5')
  await page.getByRole('textbox', { name: 'Message' }).fill('echo: one premium request')
  await page.keyboard.press('Enter')
  await expect(messageText(answers(page).last())).toHaveText('one premium request')
  await expect(account.getByText(/^299(\.\d)? of 300 premium requests left$/)).toBeVisible()
  await expect(account.getByText('Copilot Pro+')).toBeVisible()
})

test('slow_down says GitHub asked to check less often, then signs in', async ({
  page,
  fake,
  host,
}) => {
  fake.setScenario({ slowDownOnPolls: [1], autoApproveAfterPolls: 2 })
  await page.goto(host.url)
  await page.getByRole('button', { name: 'Sign in with GitHub' }).click()

  // The fixture's interval is 1 s; slow_down adds 5 s.
  const notice = page.getByRole('status').filter({ hasText: /check less often/ })
  await expect(notice).toBeVisible({ timeout: 15_000 })
  await expect(notice).toHaveText(
    'GitHub asked LogAI to check less often (every 6 s). Still waiting…',
  )
  await expect(page.getByText('Signed in as octocat')).toBeVisible({ timeout: 30_000 })
})

test('an enterprise domain that is not ghe.com is refused next to the field', async ({
  page,
  fake,
  host,
}) => {
  await page.goto(host.url)
  await page.getByRole('button', { name: 'Use GitHub Enterprise (ghe.com)' }).click()
  const field = page.getByRole('textbox', { name: 'Enterprise domain' })
  await expect(field).toHaveAttribute('placeholder', 'acme.ghe.com')
  await field.fill('github.example.com')
  await page.getByRole('button', { name: 'Sign in to GitHub Enterprise' }).click()

  await expect(page.getByRole('alert')).toContainText('ghe.com')
  await expect(field).toHaveValue('github.example.com')
  expect(fake.requests.some((r) => r.path === '/github/login/device/code')).toBe(false)

  await page.getByRole('button', { name: 'Back' }).click()
  await expect(page.getByRole('button', { name: 'Sign in with GitHub' })).toBeVisible()
})
