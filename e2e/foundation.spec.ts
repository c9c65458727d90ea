import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { answers, messageText, prompts } from './support/conversation.ts'
import { expect, signIn, test } from './support/fixtures.ts'
import { launchWebHost } from './support/launch-web-host.ts'
import { modelButton, openModelList, pickModel } from './support/model-picker.ts'

test('signs in through the device flow on the verification page', async ({ page, fake, host }) => {
  fake.setScenario({ autoApproveAfterPolls: null })
  await page.goto(host.url)
  await page.getByRole('button', { name: 'Sign in with GitHub' }).click()

  const code = page.getByText(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/)
  await expect(code).toBeVisible()
  await expect(page.getByRole('button', { name: /Copy code/ })).toBeVisible()
  await expect(page.getByRole('status').filter({ hasText: /Waiting/ })).toBeVisible()
  const link = page.getByRole('link', { name: /Open GitHub/ })
  await expect(link).toHaveAttribute('href', `${fake.githubUrl}/login/device`)

  // As a person would: open the link, type the code on "GitHub", authorize.
  const [github] = await Promise.all([page.context().waitForEvent('page'), link.click()])
  await github.getByRole('textbox').fill((await code.textContent()) ?? '')
  await github.getByRole('button', { name: 'Authorize' }).click()

  await expect(page.getByText('Signed in as octocat')).toBeVisible({ timeout: 15_000 })
  await expect(page.getByRole('button', { name: 'Model: GPT-4.1' })).toBeEnabled()
  // The token went from GitHub through the exchange, never into what the host prints.
  expect(host.output()).not.toMatch(/ghu_|tid=/)
})

test('cancelling sign-in returns to the start', async ({ page, fake, host }) => {
  fake.setScenario({ autoApproveAfterPolls: null })
  await page.goto(host.url)
  await page.getByRole('button', { name: 'Sign in with GitHub' }).click()
  await expect(page.getByRole('button', { name: /Copy code/ })).toBeVisible()
  await page.getByRole('button', { name: 'Cancel' }).click()
  await expect(page.getByRole('button', { name: 'Sign in with GitHub' })).toBeVisible()
})

test('declining on GitHub says so and offers to sign in again', async ({ page, fake, host }) => {
  fake.setScenario({ autoApproveAfterPolls: null })
  await page.goto(host.url)
  await page.getByRole('button', { name: 'Sign in with GitHub' }).click()
  await expect(page.getByRole('button', { name: /Copy code/ })).toBeVisible()
  fake.deny()
  await expect(page.getByRole('alert')).toContainText('declined', { timeout: 10_000 })
  await expect(page.getByRole('button', { name: 'Sign in with GitHub' })).toBeVisible()
})

test('an account without Copilot gets the reason, not a generic error', async ({
  page,
  fake,
  host,
}) => {
  fake.setScenario({ exchange: 'no_access' })
  await page.goto(host.url)
  await page.getByRole('button', { name: 'Sign in with GitHub' }).click()
  await expect(page.getByRole('alert')).toBeVisible({ timeout: 15_000 })
  await expect(page.getByRole('alert')).not.toContainText('Something went wrong')
  await expect(page.getByRole('button', { name: 'Sign in with GitHub' })).toBeVisible()
})

test('picks a model, streams a markdown answer, and keeps the session', async ({
  page,
  fake,
  host,
}) => {
  await signIn(page, host)
  // Every picker-enabled chat model, whatever its route or policy; nothing else.
  const list = await openModelList(page)
  for (const name of ['GPT-4.1', 'GPT-5.4', 'Claude Sonnet 4.5', 'Claude Opus 4.6']) {
    await expect(list.option(name)).toBeVisible()
  }
  const hidden = list.listbox.getByRole('option', { name: /o3-mini|embedding|router/i })
  await expect(hidden).toHaveCount(0)
  await page.keyboard.press('Escape')
  await expect(list.dialog).toHaveCount(0)
  await pickModel(page, 'Claude Sonnet 4.5')

  const box = page.getByRole('textbox', { name: 'Message' })
  await box.fill('First line')
  await box.press('Shift+Enter')
  await box.pressSequentially('second line')
  await expect(box).toHaveValue('First line\nsecond line')
  await box.press('Enter')
  await expect(box).toHaveValue('')

  // The default answer: a heading, a list, a code block and non-ASCII text split across reads.
  const answer = answers(page).last()
  await expect(answer.getByRole('heading', { name: 'Café notes → a short answer' })).toBeVisible()
  await expect(answer.locator('pre code')).toContainText("const greeting = 'héllo'")
  await expect(messageText(answer)).toContainText('That is all — à bientôt.')

  // Claude models that list /v1/messages are answered through it.
  const chat = fake.requests.find((r) => r.path === '/copilot/v1/messages')
  expect(chat?.headers['x-initiator']).toBe('user')
  expect(chat?.headers['editor-version']).toBeTruthy()
  expect((chat?.body as { model: string }).model).toBe('claude-sonnet-4.5')

  // A session is titled by its first words until the small model names it; the fake's title for
  // this one is the heading of its default answer.
  const firstChat = /First line|Café notes/
  const sessions = page.getByRole('navigation', { name: 'Sessions' })
  await expect(sessions.getByRole('listitem')).toHaveCount(1)
  await expect(sessions.getByRole('button', { name: firstChat })).toBeVisible()

  // A second conversation goes on top.
  await page.getByRole('button', { name: 'New chat' }).click()
  await expect(page.getByRole('article')).toHaveCount(0)
  await box.fill('echo: Bonjour from the second chat')
  await page.getByRole('button', { name: 'Send' }).click()
  await expect(messageText(answers(page).last())).toHaveText('Bonjour from the second chat')
  await expect(sessions.getByRole('listitem')).toHaveCount(2)
  await expect(sessions.getByRole('listitem').first()).toContainText('Bonjour from the second chat')

  // Open the first one again.
  await sessions.getByRole('button', { name: firstChat }).click()
  await expect(messageText(prompts(page).first())).toHaveText('First line\nsecond line')
  await expect(messageText(answers(page).last())).toContainText('à bientôt')

  // A reload finds everything again, the model choice included.
  await page.reload()
  await expect(page.getByText('Signed in as octocat')).toBeVisible()
  await expect(modelButton(page)).toHaveAccessibleName('Model: Claude Sonnet 4.5')
  await expect(sessions.getByRole('listitem')).toHaveCount(2)
  await sessions.getByRole('button', { name: firstChat }).click()
  await expect(messageText(answers(page).last())).toContainText('à bientôt')
})

test('sessions survive a restart of the host', async ({ page, fake, dataDir, host }) => {
  await signIn(page, host)
  await page.getByRole('textbox', { name: 'Message' }).fill('echo: kept across restarts')
  await page.keyboard.press('Enter')
  await expect(messageText(answers(page).last())).toHaveText('kept across restarts')
  await host.stop()

  // The memory secret store forgets the sign-in; the database must not forget the session.
  const again = await launchWebHost({ fake, dataDir })
  try {
    await signIn(page, again)
    const sessions = page.getByRole('navigation', { name: 'Sessions' })
    await sessions.getByRole('button', { name: /kept across restarts/ }).click()
    await expect(messageText(answers(page).last())).toHaveText('kept across restarts')
  } finally {
    await again.stop()
  }
})

test('Stop aborts the upstream request and keeps the partial answer', async ({
  page,
  fake,
  host,
}) => {
  await signIn(page, host)
  fake.setScenario({ answer: 'word '.repeat(2000), chunkSize: 5, chunkDelayMs: 20 })
  await page.getByRole('textbox', { name: 'Message' }).fill('Write a lot')
  await page.keyboard.press('Enter')
  const answer = answers(page).last()
  await expect(messageText(answer)).toContainText('word word word')
  await page.getByRole('button', { name: 'Stop' }).click()
  await expect(answer.getByText('Stopped', { exact: true })).toBeVisible()
  await expect.poll(() => fake.events.some((e) => e.type === 'stream-aborted')).toBe(true)
  const kept = (await messageText(answer).textContent()) ?? ''
  expect(kept).toContain('word word word')
  expect(kept.length).toBeLessThan('word '.repeat(2000).length)
  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible()
})

test('a rate-limited answer says when to try again and keeps the prompt', async ({
  page,
  fake,
  host,
}) => {
  await signIn(page, host)
  fake.setScenario({ chatFault: { status: 429, retryAfter: 30 } })
  await page.getByRole('textbox', { name: 'Message' }).fill('Are you there?')
  await page.keyboard.press('Enter')
  const alert = answers(page).last().getByRole('alert')
  await expect(alert).toContainText(/rate limit/i)
  await expect(alert).toContainText(/Try again after/)
  await expect(messageText(prompts(page).first())).toHaveText('Are you there?')
})

test('a stream that drops mid-answer keeps what arrived and says so', async ({
  page,
  fake,
  host,
}) => {
  await signIn(page, host)
  fake.setScenario({ dropAfterChunks: 3 })
  await page.getByRole('textbox', { name: 'Message' }).fill('Tell me')
  await page.keyboard.press('Enter')
  const answer = answers(page).last()
  await expect(answer.getByRole('alert')).toContainText(/connection to Copilot dropped/)
  await expect(messageText(answer)).toContainText('Café')
})

test('signing out returns to the sign-in screen', async ({ page, host }) => {
  await signIn(page, host)
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page.getByRole('button', { name: 'Sign in with GitHub' })).toBeVisible()
  await page.reload()
  await expect(page.getByRole('button', { name: 'Sign in with GitHub' })).toBeVisible()
})

test('a broken config.json is named in a banner and LogAI runs on defaults', async ({
  page,
  fake,
  dataDir,
}) => {
  writeFileSync(
    join(dataDir, 'config.json'),
    JSON.stringify({ clientProfile: { authMode: 'sideways' } }),
  )
  const host = await launchWebHost({ fake, dataDir })
  try {
    await signIn(page, host)
    await expect(page.getByRole('alert')).toContainText('clientProfile.authMode')
    await page.getByRole('button', { name: 'Dismiss' }).click()
    await expect(page.getByRole('alert')).toHaveCount(0)
    await expect(modelButton(page)).toBeEnabled()
  } finally {
    await host.stop()
  }
})
