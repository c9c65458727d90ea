// Issue 4: chat that works with every Copilot model and stays smooth on very long answers.
import { defaultAnswer, defaultModels, defaultReasoning } from './fake-upstream/index.ts'
import {
  answerRequests,
  answers,
  messageBox,
  messageText,
  prompts,
  sendMessage,
} from './support/conversation.ts'
import { expect, signIn, test } from './support/fixtures.ts'
import { modelButton, modelList, openModelList, pickModel } from './support/model-picker.ts'

/** A 1×1 PNG, as a file a person would attach. */
const dot = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)

type ChatBody = { model: string; messages: Array<{ role: string; content: unknown }> }

test('GPT-5.4 is picked with the keyboard alone and answers through /responses', async ({
  page,
  fake,
  host,
}) => {
  await signIn(page, host)
  const button = modelButton(page)
  await expect(button).toHaveAccessibleName('Model: GPT-4.1')

  await button.focus()
  await page.keyboard.press('Enter')
  const list = modelList(page)
  await expect(list.filter).toBeFocused()
  await page.keyboard.type('gpt')
  // GPT-4.1 (Azure OpenAI), then GPT-5.4 and GPT-5.3-Codex (OpenAI); the first is active.
  await expect(list.listbox.getByRole('option')).toHaveCount(3)
  await page.keyboard.press('ArrowDown')
  const gpt54 = list.option('GPT-5.4')
  await expect(list.filter).toHaveAttribute(
    'aria-activedescendant',
    (await gpt54.getAttribute('id')) ?? 'no id',
  )
  await page.keyboard.press('Enter')

  await expect(list.dialog).toHaveCount(0)
  await expect(button).toHaveAccessibleName('Model: GPT-5.4')
  await expect(button).toBeFocused()

  await sendMessage(page, 'echo: Answered by GPT-5.4')
  await expect(messageText(answers(page).last())).toHaveText('Answered by GPT-5.4')
  const [request] = answerRequests(fake, '/responses')
  expect((request?.body as { model: string }).model).toBe('gpt-5.4')
  expect(answerRequests(fake, '/chat/completions')).toHaveLength(0)
})

test('a Claude answer comes through /v1/messages with its reasoning folded under "Thinking"', async ({
  page,
  fake,
  host,
}) => {
  await signIn(page, host)
  await pickModel(page, 'Claude Sonnet 4.5')
  await sendMessage(page, 'echo: Claude answers here')

  const answer = answers(page).last()
  await expect(messageText(answer)).toHaveText('Claude answers here')
  const thinking = answer.getByText('Thinking', { exact: true })
  const reasoning = answer.getByText(defaultReasoning)
  await expect(thinking).toBeVisible()
  await expect(reasoning).toBeHidden()
  await thinking.click()
  await expect(reasoning).toBeVisible()

  const [request] = answerRequests(fake, '/v1/messages')
  expect(request?.body).toMatchObject({ model: 'claude-sonnet-4.5', thinking: { type: 'enabled' } })
  expect(answerRequests(fake, '/chat/completions')).toHaveLength(0)
})

test('Claude Opus 4.6 offers Enable with its terms, and answers once enabled', async ({
  page,
  fake,
  host,
}) => {
  await signIn(page, host)
  const list = await openModelList(page)
  await list.filter.fill('opus')
  await expect(list.option('Claude Opus 4.6')).toHaveAccessibleDescription(/Needs enabling/)

  await list.dialog.getByRole('button', { name: 'Enable Claude Opus 4.6' }).click()
  await expect(list.dialog.getByRole('heading', { name: 'Enable Claude Opus 4.6' })).toBeVisible()
  await expect(list.dialog).toContainText('Turn on Claude Opus 4.6 (fake) for your account.')
  const accept = list.dialog.getByRole('button', { name: 'Accept and enable' })
  await expect(accept).toBeFocused()
  await accept.click()

  await expect(list.dialog).toHaveCount(0)
  await expect(modelButton(page)).toHaveAccessibleName('Model: Claude Opus 4.6')
  const policy = fake.requests.filter(
    (r) => r.method === 'POST' && r.path === '/copilot/models/claude-opus-4.6/policy',
  )
  expect(policy.map((r) => r.body)).toEqual([{ state: 'enabled' }])

  await sendMessage(page, 'echo: Opus at your service')
  await expect(messageText(answers(page).last())).toHaveText('Opus at your service')
  expect((answerRequests(fake, '/v1/messages')[0]?.body as ChatBody).model).toBe('claude-opus-4.6')
})

test('Grok Code Fast 1 is listed but disabled, with the plan it needs', async ({
  page,
  fake,
  host,
}) => {
  await signIn(page, host)
  const list = await openModelList(page)
  const grok = list.option('Grok Code Fast 1')
  await expect(grok).toBeDisabled()
  await expect(grok).toHaveAccessibleDescription(/Needs Copilot Business or Enterprise/)
  await expect(list.listbox.getByText('Needs Copilot Business or Enterprise')).toBeVisible()

  // Choosing it does nothing: the list stays open and the picked model stays.
  await list.filter.fill('grok')
  await expect(list.listbox.getByRole('option')).toHaveCount(1)
  await page.keyboard.press('Enter')
  await expect(list.dialog).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(list.dialog).toHaveCount(0)
  await expect(modelButton(page)).toHaveAccessibleName('Model: GPT-4.1')
  await expect(modelButton(page)).toBeFocused()
  expect(
    fake.requests.some((r) => JSON.stringify(r.body ?? null).includes('grok-code-fast-1')),
  ).toBe(false)
})

test('the filter narrows the list, and a starred model stays under Favourites after a reload', async ({
  page,
  host,
}) => {
  await signIn(page, host)
  const list = await openModelList(page)
  const favourites = list.listbox.getByRole('group', { name: 'Favourites' })
  await expect(favourites).toHaveCount(0)

  await list.filter.fill('gemini')
  await expect(list.listbox.getByRole('option')).toHaveCount(1)
  await expect(list.option('Gemini 2.5 Pro')).toBeVisible()
  await list.filter.fill('no such model')
  await expect(list.listbox.getByRole('option')).toHaveCount(0)
  await expect(list.dialog.getByRole('status')).toHaveText('No models match “no such model”.')
  await list.filter.fill('')

  await list.dialog.getByRole('button', { name: 'Add Claude Sonnet 4.5 to favourites' }).click()
  await expect(favourites.getByRole('option')).toHaveCount(1)
  await page.keyboard.press('Escape')
  await expect(list.dialog).toHaveCount(0)
  // Starring is not picking.
  await expect(modelButton(page)).toHaveAccessibleName('Model: GPT-4.1')

  const expectStarred = async () => {
    await openModelList(page)
    await expect(favourites.getByRole('option')).toHaveCount(1)
    await expect(favourites.getByRole('option', { name: 'Claude Sonnet 4.5' })).toBeVisible()
    await expect(
      favourites.getByRole('button', { name: 'Remove Claude Sonnet 4.5 from favourites' }),
    ).toBeVisible()
    await page.keyboard.press('Escape')
  }
  await expectStarred()
  await page.reload()
  await expect(page.getByText('Signed in as octocat')).toBeVisible()
  await expectStarred()
})

test('Copy on a code block copies just the code, and Copy message the whole answer', async ({
  page,
  host,
}) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(host.url).origin,
  })
  // A string: the specs are type-checked without the DOM library.
  const readClipboard = () => page.evaluate<string>('navigator.clipboard.readText()')
  await signIn(page, host)
  await sendMessage(page, 'Show me some code')

  const answer = answers(page).last()
  await expect(answer.getByRole('button', { name: 'Regenerate' })).toBeVisible()
  await answer.getByRole('button', { name: 'Copy', exact: true }).click()
  await expect(answer.getByRole('status').filter({ hasText: 'Copied' })).toHaveCount(1)
  expect(await readClipboard()).toBe("const greeting = 'héllo'\nconsole.log(greeting)")

  await answer.getByRole('button', { name: 'Copy message' }).click()
  await expect(answer.getByRole('button', { name: 'Copy message' })).toHaveText('Copied')
  expect(await readClipboard()).toBe(defaultAnswer)
})

test('HTML in an answer is shown as text, never run', async ({ page, fake, host }) => {
  const dialogs: string[] = []
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  await signIn(page, host)
  const script = '<script>alert("from the model")</script>'
  const image = '<img src="x" onerror="alert(\'img\')">'
  fake.setScenario({ answer: `Look: ${script}\n\n${image}\n\nThe end.` })
  await sendMessage(page, 'Say something risky')

  const answer = answers(page).last()
  await expect(messageText(answer)).toContainText('The end.')
  await expect(messageText(answer)).toContainText(script)
  await expect(messageText(answer)).toContainText(image)
  await expect(
    page.getByRole('region', { name: 'Conversation' }).locator('script, img'),
  ).toHaveCount(0)
  expect(dialogs).toEqual([])
})

test('Stop keeps the partial answer, marks it Stopped and closes the upstream stream', async ({
  page,
  fake,
  host,
}) => {
  await signIn(page, host)
  const full = 'word '.repeat(1000)
  fake.setScenario({ answer: full, chunkSize: 5, chunkDelayMs: 20 })
  await sendMessage(page, 'Write a lot')

  const answer = answers(page).last()
  await expect(messageText(answer)).toContainText('word word word')
  await page.getByRole('button', { name: 'Stop' }).click()
  await expect(answer.getByText('Stopped', { exact: true })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible()
  await expect
    .poll(() => fake.events.filter((e) => e.type === 'stream-closed').map((e) => e.reason))
    .toContain('client_aborted')

  const kept = (await messageText(answer).textContent()) ?? ''
  expect(kept).toMatch(/^(word ?)+$/)
  expect(kept.length).toBeLessThan(full.trim().length)
  // Nothing more arrives after Stop.
  await page.waitForTimeout(300)
  await expect(messageText(answer)).toHaveText(kept)
})

test('a short rate limit shows the retry notice, then the answer', async ({ page, fake, host }) => {
  await signIn(page, host)
  fake.setScenario({ chatFault: { status: 429, retryAfter: 1, times: 1 } })
  await sendMessage(page, 'echo: Worth the wait')

  const answer = answers(page).last()
  const notice = answer.getByRole('status').filter({ hasText: /Trying again in 1 s \(attempt 2\)/ })
  await expect(notice).toBeVisible()
  await expect(messageText(answer)).toHaveText('Worth the wait', { timeout: 10_000 })
  await expect(notice).toHaveCount(0)
  await expect(answer.getByRole('alert')).toHaveCount(0)
  expect(answerRequests(fake, '/chat/completions')).toHaveLength(2)
})

test('a long rate limit says when to try again instead of waiting', async ({
  page,
  fake,
  host,
}) => {
  await signIn(page, host)
  fake.setScenario({ chatFault: { status: 429, retryAfter: 3600 } })
  await sendMessage(page, 'Are you there?')

  const answer = answers(page).last()
  await expect(answer.getByRole('alert')).toContainText(/rate limit/i)
  await expect(answer.getByRole('alert')).toContainText(/Try again after \d/)
  await expect(messageText(prompts(page).last())).toHaveText('Are you there?')
  expect(answerRequests(fake, '/chat/completions')).toHaveLength(1)
})

test('a dropped stream keeps the partial answer, and Continue completes the same message', async ({
  page,
  fake,
  host,
}) => {
  await signIn(page, host)
  fake.setScenario({
    answer: 'The first part arrives, and then the line goes quiet.',
    chunkSize: 8,
    dropAfterChunks: 3,
  })
  await sendMessage(page, 'Tell me a story')

  const answer = answers(page).last()
  await expect(answer.getByRole('alert')).toContainText(/connection to Copilot dropped/)
  await expect(messageText(answer)).toHaveText('The first part arrives,')
  await expect(answer.getByRole('button', { name: 'Retry' })).toBeEnabled()
  const carryOn = answer.getByRole('button', { name: 'Continue' })
  await expect(carryOn).toBeEnabled()

  fake.setScenario({ answer: 'and the story ends well.', dropAfterChunks: null })
  await carryOn.click()
  await expect(messageText(answer)).toHaveText('The first part arrives, and the story ends well.')
  await expect(answers(page)).toHaveCount(1)
  await expect(answer.getByRole('alert')).toHaveCount(0)
  await expect(answer.getByRole('button', { name: 'Continue' })).toHaveCount(0)

  // The model was shown what it had already written.
  const last = answerRequests(fake, '/chat/completions').at(-1)?.body as ChatBody
  expect(last.messages).toContainEqual({ role: 'assistant', content: 'The first part arrives, ' })
})

test('Regenerate replaces the last answer', async ({ page, fake, host }) => {
  await signIn(page, host)
  fake.setScenario({ answer: 'First take.' })
  await sendMessage(page, 'Tell me something')
  await expect(messageText(answers(page).last())).toHaveText('First take.')

  fake.setScenario({ answer: 'Second take.' })
  await answers(page).last().getByRole('button', { name: 'Regenerate' }).click()
  await expect(messageText(answers(page).last())).toHaveText('Second take.')
  await expect(answers(page)).toHaveCount(1)
  await expect(prompts(page)).toHaveCount(1)
  await expect(page.getByText('First take.')).toHaveCount(0)
})

test('editing a past message and sending it again replaces the turns after it', async ({
  page,
  fake,
  host,
}) => {
  await signIn(page, host)
  await sendMessage(page, 'echo: one')
  await expect(messageText(answers(page).last())).toHaveText('one')
  await sendMessage(page, 'echo: two')
  await expect(messageText(answers(page).last())).toHaveText('two')

  await prompts(page).first().getByRole('button', { name: 'Edit' }).click()
  const editor = page.getByRole('textbox', { name: 'Edit message' })
  await expect(editor).toBeFocused()
  await expect(editor).toHaveValue('echo: one')
  await editor.fill('echo: uno')
  await page.getByRole('button', { name: 'Save and send' }).click()

  await expect(prompts(page)).toHaveCount(1)
  await expect(messageText(prompts(page).first())).toHaveText('echo: uno')
  await expect(answers(page)).toHaveCount(1)
  await expect(messageText(answers(page).first())).toHaveText('uno')
  const last = answerRequests(fake, '/chat/completions').at(-1)?.body as ChatBody
  expect(last.messages.filter((m) => m.role !== 'system')).toEqual([
    { role: 'user', content: 'echo: uno' },
  ])
})

test("a chat's own system prompt is sent upstream", async ({ page, fake, host }) => {
  await signIn(page, host)
  await page.getByRole('button', { name: 'System prompt', exact: true }).click()
  await page
    .getByRole('textbox', { name: 'System prompt for this chat' })
    .fill('Answer like a pirate.')
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByRole('button', { name: 'System prompt (set)' })).toBeVisible()

  await sendMessage(page, 'echo: ahoy')
  await expect(messageText(answers(page).last())).toHaveText('ahoy')
  const body = answerRequests(fake, '/chat/completions').at(-1)?.body as ChatBody
  expect(body.messages).toEqual([
    { role: 'system', content: 'Answer like a pirate.' },
    { role: 'user', content: 'echo: ahoy' },
  ])
})

test('the default system prompt from Settings starts a new chat', async ({ page, fake, host }) => {
  await signIn(page, host)
  const settings = page.getByRole('dialog', { name: 'Settings' })
  const field = settings.getByRole('textbox', { name: 'Default system prompt' })
  await page.getByRole('button', { name: 'Settings' }).click()
  await field.fill('Be brief.')
  await settings.getByRole('button', { name: 'Save' }).click()
  await settings.getByRole('button', { name: 'Close' }).click()
  await expect(settings).toBeHidden()
  // Opened again, Settings shows what was saved.
  await page.getByRole('button', { name: 'Settings' }).click()
  await expect(field).toHaveValue('Be brief.')
  await page.keyboard.press('Escape')
  await expect(settings).toBeHidden()

  await page.getByRole('button', { name: 'New chat' }).click()
  await expect(page.getByRole('button', { name: 'System prompt (set)' })).toBeVisible()
  await sendMessage(page, 'echo: hello')
  await expect(messageText(answers(page).last())).toHaveText('hello')
  const body = answerRequests(fake, '/chat/completions').at(-1)?.body as ChatBody
  expect(body.messages[0]).toEqual({ role: 'system', content: 'Be brief.' })
})

test('an attached image is sent as a vision request', async ({ page, fake, host }) => {
  await signIn(page, host)
  const chooser = page.waitForEvent('filechooser')
  await page.getByRole('button', { name: 'Attach image' }).click()
  await (await chooser).setFiles({ name: 'dot.png', mimeType: 'image/png', buffer: dot })
  const attached = page.getByRole('list', { name: 'Attached images' })
  await expect(attached.getByRole('img', { name: 'Attached image 1' })).toBeVisible()

  await sendMessage(page, 'echo: What is in the picture?')
  await expect(messageText(answers(page).last())).toHaveText('What is in the picture?')
  await expect(attached).toHaveCount(0)
  await expect(prompts(page).last().getByRole('img', { name: 'Attached image 1' })).toBeVisible()

  const [request] = answerRequests(fake, '/chat/completions')
  expect(request?.headers['copilot-vision-request']).toBe('true')
  expect((request?.body as ChatBody).messages.at(-1)?.content).toEqual([
    { type: 'text', text: 'echo: What is in the picture?' },
    { type: 'image_url', image_url: { url: `data:image/png;base64,${dot.toString('base64')}` } },
  ])
})

test('a model that cannot see images says so before sending, and Send stays off', async ({
  page,
  fake,
  host,
}) => {
  // Gemini 2.5 Pro without vision; every other model as usual.
  const models = defaultModels().map((item) => {
    const model = structuredClone(item) as {
      id: string
      capabilities: { supports: Record<string, unknown>; limits: Record<string, unknown> }
    }
    if (model.id === 'gemini-2.5-pro') {
      model.capabilities.supports['vision'] = false
      delete model.capabilities.limits['vision']
    }
    return model
  })
  fake.setScenario({ models })
  await signIn(page, host)

  const chooser = page.waitForEvent('filechooser')
  await page.getByRole('button', { name: 'Attach image' }).click()
  await (await chooser).setFiles({ name: 'dot.png', mimeType: 'image/png', buffer: dot })
  await messageBox(page).fill('What is in the picture?')
  const send = page.getByRole('button', { name: 'Send' })
  await expect(send).toBeEnabled()

  await pickModel(page, 'Gemini 2.5 Pro')
  const problem = page.getByRole('alert').filter({ hasText: 'cannot see images' })
  await expect(problem).toHaveText(
    'Gemini 2.5 Pro cannot see images. Pick a model with vision, or remove the images.',
  )
  await expect(send).toBeDisabled()
  await messageBox(page).press('Enter')
  await expect(prompts(page)).toHaveCount(0)

  await page.getByRole('button', { name: 'Remove image 1' }).click()
  await expect(problem).toHaveCount(0)
  await expect(send).toBeEnabled()
  expect(fake.requests.some((r) => r.path.startsWith('/copilot/chat'))).toBe(false)
})

test('a finished answer shows its token usage', async ({ page, host }) => {
  await signIn(page, host)
  await sendMessage(page, 'echo: count my tokens')
  const answer = answers(page).last()
  await expect(messageText(answer)).toHaveText('count my tokens')
  // The fake counts about four characters a token: 4 + 21/4 in, 15/4 out, rounded up.
  await expect(answer.getByText(/^10 tokens in · 4 out\b/)).toBeVisible()
})

test('a very long answer streams in full while the message box stays usable', async ({
  page,
  fake,
  host,
}) => {
  await signIn(page, host)
  const lines = Array.from({ length: 2000 }, (_, i) => `Line ${i + 1} of a very long answer.`)
  // About five seconds of streaming: long enough to type into the box while it runs.
  fake.setScenario({ answer: lines.join('\n\n'), chunkSize: 200, chunkDelayMs: 15 })
  // Main-thread tasks over 50 ms while the answer streams (a string: no DOM types in the specs).
  await page.evaluate(`
    window.longTasks = []
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.longTasks.push(Math.round(entry.duration))
    }).observe({ type: 'longtask' })
  `)
  await sendMessage(page, 'Write it all out')

  const answer = answers(page).last()
  await expect(answer.getByRole('status').filter({ hasText: 'Copilot is answering' })).toBeVisible()
  await messageBox(page).pressSequentially('Next question')
  await expect(messageBox(page)).toHaveValue('Next question')

  await expect(answer.getByRole('button', { name: 'Regenerate' })).toBeVisible({ timeout: 45_000 })
  await expect(page.getByRole('button', { name: 'Send' })).toBeEnabled()
  await expect(messageText(answer).getByText(/^Line \d+ of a very long answer\.$/)).toHaveCount(
    2000,
  )
  await expect(answer.getByText('Line 2000 of a very long answer.')).toBeAttached()
  // A generous bound for a shared two-core machine: the page never froze for a second.
  const longTasks = await page.evaluate<number[]>('window.longTasks')
  expect(Math.max(0, ...longTasks)).toBeLessThan(1000)
})

test('the conversation follows a long streaming answer down to its end', async ({
  page,
  fake,
  host,
}) => {
  await signIn(page, host)
  const lines = Array.from({ length: 300 }, (_, i) => `Line ${i + 1} of a long answer.`)
  fake.setScenario({ answer: lines.join('\n\n'), chunkSize: 20 })
  await sendMessage(page, 'Write it all out')

  const answer = answers(page).last()
  await expect(answer.getByText('Line 150 of a long answer.')).toBeAttached()
  // Mid-stream, the view sits at the bottom of what has arrived (a frame of lag allowed).
  const conversation = page.getByRole('region', { name: 'Conversation' })
  const belowView = () =>
    conversation.evaluate(
      (element) => element.scrollHeight - element.scrollTop - element.clientHeight,
    )
  await expect.poll(belowView).toBeLessThan(120)
  await expect(answer.getByRole('button', { name: 'Regenerate' })).toBeVisible({ timeout: 30_000 })
  await expect(answer.getByText('Line 300 of a long answer.')).toBeInViewport()
  expect(await belowView()).toBeLessThan(120)
})
