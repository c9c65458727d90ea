// Issue 5: the session history in the sidebar, as a person uses it — through the "Sessions"
// navigation, "Search sessions" and each session's "More actions" — against the fake upstream,
// with the web host stopped, killed and started again on the same data folder in between.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  answers,
  isTitleRequest,
  messageBox,
  messageText,
  prompts,
  sendMessage,
} from './support/conversation.ts'
import { expect, signIn } from './support/fixtures.ts'
import {
  chooseSessionAction,
  downloaded,
  exportSession,
  openSessionMenu,
  restart,
  searchBox,
  sessionButton,
  sessionNotice,
  sessionTitles,
  sessionsNav,
  startChat,
  test,
  type Chat,
} from './support/sessions.ts'

const lisbon: Chat = {
  prompt: 'Plan a weekend in Lisbon',
  answer:
    '## Lisbon weekend plan\n\nWalk through Alfama, ride tram 28 up the hill and end the day at a miradouro.',
  title: 'Lisbon weekend plan',
}
const fern: Chat = {
  prompt: 'How do I repot a fern?',
  answer:
    '## Repotting a fern\n\nChoose a pot one size larger, loosen the roots and keep the soil moist.',
  title: 'Repotting a fern',
}
const quicksort: Chat = {
  prompt: 'Explain quicksort briefly',
  answer: '## Quicksort in brief\n\nPick a pivot, partition around it, then sort each side alike.',
  title: 'Quicksort in brief',
}

test('conversations are listed newest first under the title the small model wrote', async ({
  page,
  fake,
  host,
}) => {
  await signIn(page, host)
  await expect(sessionsNav(page)).toContainText('Your conversations will appear here.')

  // Slow enough (about a second for the answer, as long for the title) to see the first title.
  fake.setScenario({ chunkDelayMs: 100 })
  for (const chat of [lisbon, fern, quicksort]) {
    await startChat(page, fake, chat, { checkFirstWords: true })
  }

  // The first words of each prompt were the title only until the small model named it.
  for (const chat of [lisbon, fern, quicksort]) {
    await expect(sessionButton(page, chat.prompt)).toHaveCount(0)
  }
  const titleRequests = fake.requests.filter(isTitleRequest)
  expect(titleRequests).toHaveLength(3)
  expect(JSON.stringify(titleRequests[0]?.body)).toContain(lisbon.prompt)

  await expect(sessionTitles(page)).toHaveText([quicksort.title, fern.title, lisbon.title])
  await expect(sessionsNav(page).getByRole('heading', { name: 'Today' })).toBeVisible()
  await expect(sessionButton(page, quicksort.title)).toHaveAttribute('aria-current', 'page')

  await sessionButton(page, lisbon.title).click()
  await expect(sessionButton(page, lisbon.title)).toHaveAttribute('aria-current', 'page')
  await expect(messageText(prompts(page).first())).toHaveText(lisbon.prompt)
  await expect(messageText(answers(page).first())).toContainText('ride tram 28 up the hill')
  await expect(prompts(page)).toHaveCount(1)
})

test('a session renamed from its menu and with F2 keeps its name across a restart', async ({
  page,
  fake,
  host,
  launch,
}) => {
  await signIn(page, host)
  await startChat(page, fake, lisbon)
  await startChat(page, fake, fern)

  await chooseSessionAction(page, lisbon.title, 'Rename')
  const renameLisbon = sessionsNav(page).getByRole('textbox', { name: `Rename ${lisbon.title}` })
  await expect(renameLisbon).toBeFocused()
  await expect(renameLisbon).toHaveValue(lisbon.title)
  await renameLisbon.fill('Lisbon in May')
  await renameLisbon.press('Enter')
  await expect(renameLisbon).toHaveCount(0)
  await expect(sessionButton(page, 'Lisbon in May')).toBeFocused()
  await expect(sessionButton(page, lisbon.title)).toHaveCount(0)

  // F2 on a focused session renames it in place; Escape keeps the old name.
  await sessionButton(page, fern.title).focus()
  await page.keyboard.press('F2')
  const renameFern = sessionsNav(page).getByRole('textbox', { name: `Rename ${fern.title}` })
  await expect(renameFern).toBeFocused()
  await page.keyboard.type('Never mind')
  await page.keyboard.press('Escape')
  await expect(renameFern).toHaveCount(0)
  await expect(sessionButton(page, fern.title)).toBeFocused()
  await page.keyboard.press('F2')
  await expect(renameFern).toBeFocused()
  // The old title is selected, so typing replaces it.
  await page.keyboard.type('Fern care')
  await page.keyboard.press('Enter')
  await expect(sessionButton(page, 'Fern care')).toBeFocused()

  const expectRenamed = async () => {
    await expect(sessionTitles(page)).toHaveText(['Fern care', 'Lisbon in May'])
    await expect(sessionButton(page, lisbon.title)).toHaveCount(0)
    await expect(sessionButton(page, fern.title)).toHaveCount(0)
  }
  await page.reload()
  await expectRenamed()

  await restart(page, host, launch)
  await expectRenamed()
  await sessionButton(page, 'Lisbon in May').click()
  await expect(sessionButton(page, 'Lisbon in May')).toHaveAttribute('aria-current', 'page')
  await expect(messageText(answers(page).first())).toContainText('ride tram 28 up the hill')
})

test('a pinned session stays on top under "Pinned" across a restart', async ({
  page,
  fake,
  host,
  launch,
}) => {
  await signIn(page, host)
  for (const chat of [lisbon, fern, quicksort]) await startChat(page, fake, chat)
  const pinnedHeading = sessionsNav(page).getByRole('heading', { name: 'Pinned' })
  await expect(pinnedHeading).toHaveCount(0)
  await expect(sessionTitles(page)).toHaveText([quicksort.title, fern.title, lisbon.title])

  await chooseSessionAction(page, lisbon.title, 'Pin')
  await expect(pinnedHeading).toBeVisible()
  await expect(sessionTitles(page)).toHaveText([lisbon.title, quicksort.title, fern.title])

  // A newer conversation still goes below the pinned one.
  await sessionButton(page, fern.title).click()
  await sendMessage(page, 'echo: And a fern for shade?')
  await expect(messageText(answers(page).last())).toHaveText('And a fern for shade?')
  await expect(sessionTitles(page)).toHaveText([lisbon.title, fern.title, quicksort.title])

  await restart(page, host, launch)
  await expect(pinnedHeading).toBeVisible()
  await expect(sessionTitles(page)).toHaveText([lisbon.title, fern.title, quicksort.title])
  const menu = await openSessionMenu(page, lisbon.title)
  await expect(menu.getByRole('menuitem', { name: 'Pin', exact: true })).toHaveCount(0)
  await menu.getByRole('menuitem', { name: 'Unpin' }).click()
  await expect(pinnedHeading).toHaveCount(0)
  await expect(sessionTitles(page)).toHaveText([fern.title, quicksort.title, lisbon.title])
})

test('Delete offers Undo; a session deleted for good stays gone after a restart', async ({
  page,
  fake,
  host,
  launch,
}) => {
  await signIn(page, host)
  await startChat(page, fake, lisbon)
  await startChat(page, fake, fern)
  await expect(sessionButton(page, fern.title)).toHaveAttribute('aria-current', 'page')

  // Deleting the open conversation makes way for a new chat.
  await chooseSessionAction(page, fern.title, 'Delete')
  await expect(sessionButton(page, fern.title)).toHaveCount(0)
  await expect(sessionTitles(page)).toHaveText([lisbon.title])
  await expect(page.getByRole('article')).toHaveCount(0)
  await expect(sessionNotice(page)).toContainText(`Deleted “${fern.title}”`)

  await sessionNotice(page).getByRole('button', { name: 'Undo' }).click()
  await expect(sessionTitles(page)).toHaveText([fern.title, lisbon.title])
  await expect(sessionNotice(page)).toHaveCount(0)
  await sessionButton(page, fern.title).click()
  await expect(messageText(answers(page).first())).toContainText('keep the soil moist')

  // The Delete key on a focused session does the same; this time nobody undoes it.
  await sessionButton(page, fern.title).focus()
  await page.keyboard.press('Delete')
  await expect(sessionTitles(page)).toHaveText([lisbon.title])
  await expect(sessionNotice(page).getByRole('button', { name: 'Undo' })).toBeVisible()
  await page.reload()
  await expect(sessionTitles(page)).toHaveText([lisbon.title])

  await restart(page, host, launch)
  await expect(sessionTitles(page)).toHaveText([lisbon.title])
  await expect(sessionNotice(page)).toHaveCount(0)
  await searchBox(page).fill('soil')
  await expect(sessionsNav(page).getByRole('status')).toHaveText('No sessions match “soil”')
})

test('Ctrl+K searches every message; a result opens its conversation at the match', async ({
  page,
  fake,
  host,
}) => {
  await signIn(page, host)
  await startChat(page, fake, lisbon)
  // Two long answers after the match, so the conversation opens far below it.
  const long = (topic: string) =>
    Array.from({ length: 60 }, (_, i) => `${topic} note ${i + 1}.`).join('\n\n')
  for (const topic of ['Museum', 'Food']) {
    fake.setScenario({ answer: long(topic), chunkSize: 400 })
    await sendMessage(page, `What about the ${topic.toLowerCase()}s?`)
    await expect(messageText(answers(page).last())).toContainText(`${topic} note 60.`, {
      timeout: 20_000,
    })
  }
  await startChat(page, fake, fern)
  await startChat(page, fake, quicksort)

  // Opened from the list, a conversation shows its latest messages.
  await sessionButton(page, lisbon.title).click()
  const match = answers(page).filter({ hasText: 'ride tram 28' })
  await expect(answers(page).last()).toContainText('Food note 60.')
  await expect(match).not.toBeInViewport()
  await sessionButton(page, quicksort.title).click()
  await expect(messageText(prompts(page).first())).toHaveText(quicksort.prompt)

  await messageBox(page).click()
  await page.keyboard.press('Control+k')
  await expect(searchBox(page)).toBeFocused()
  await page.keyboard.type('tram')
  const results = sessionsNav(page).getByRole('list', { name: 'Search results' })
  await expect(sessionsNav(page).getByRole('status')).toHaveText('1 result')
  const hit = results.getByRole('button')
  await expect(hit).toHaveCount(1)
  await expect(hit).toHaveAccessibleName(/^Lisbon weekend plan .*ride tram 28 up the hill/)
  await expect(hit.locator('mark')).toHaveText(['tram'])

  await page.keyboard.press('ArrowDown')
  await expect(hit).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(messageText(prompts(page).first())).toHaveText(lisbon.prompt)
  await expect(match).toBeInViewport()
  await expect(answers(page).last()).not.toBeInViewport()

  // Escape clears the search and the history comes back.
  await searchBox(page).click()
  await page.keyboard.press('Escape')
  await expect(searchBox(page)).toHaveValue('')
  await expect(sessionTitles(page)).toHaveText([quicksort.title, fern.title, lisbon.title])

  // Words in other conversations, and words nowhere.
  await searchBox(page).fill('pivot')
  await expect(results.getByRole('button')).toHaveCount(1)
  await expect(results.getByRole('button')).toHaveAccessibleName(/^Quicksort in brief /)
  await searchBox(page).fill('zeppelin')
  await expect(sessionsNav(page).getByRole('status')).toHaveText('No sessions match “zeppelin”')
})

test('the Export item of "More actions" is named just "Export"', async ({ page, fake, host }) => {
  // The submenu arrow is generated content, which Chromium reads into the accessible name unless
  // the stylesheet gives it empty alternative text; screen readers then said "Export ›".
  await signIn(page, host)
  await startChat(page, fake, lisbon)
  const menu = await openSessionMenu(page, lisbon.title)
  for (const name of ['Rename', 'Pin', 'Delete']) {
    await expect(menu.getByRole('menuitem', { name, exact: true })).toBeVisible()
  }
  await expect(menu.getByRole('menuitem', { name: 'Export', exact: true })).toBeVisible()
})

test('sessions export as Markdown and JSON, and Export all imports once into a fresh LogAI', async ({
  page,
  fake,
  host,
  launch,
  otherDataDir,
}) => {
  test.setTimeout(120_000)
  await signIn(page, host)
  await startChat(page, fake, lisbon)
  await startChat(page, fake, fern)

  const markdown = await exportSession(page, lisbon.title, 'Markdown')
  expect(markdown.name).toBe('lisbon-weekend-plan.md')
  expect(markdown.text).toMatch(/^# Lisbon weekend plan\n/)
  expect(markdown.text).toContain(`## You\n\n${lisbon.prompt}\n`)
  expect(markdown.text).toContain(`## Copilot (GPT-4.1)\n\n${lisbon.answer}\n`)
  expect(markdown.text).not.toContain(fern.prompt)

  const json = await exportSession(page, lisbon.title, 'JSON')
  expect(json.name).toBe('lisbon-weekend-plan.json')
  expect(JSON.parse(json.text)).toMatchObject({
    app: 'LogAI',
    kind: 'sessions',
    sessions: [
      {
        title: lisbon.title,
        messages: [
          { role: 'user', content: lisbon.prompt, status: 'complete' },
          { role: 'assistant', content: lisbon.answer, status: 'complete' },
        ],
      },
    ],
  })

  const exporting = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export all', exact: true }).click()
  const all = await downloaded(await exporting)
  expect(all.name).toMatch(/^logai-sessions-\d{4}-\d{2}-\d{2}\.json$/)
  const exported = JSON.parse(all.text) as {
    sessions: Array<{ title: string; messages: Array<{ content: string }> }>
  }
  expect(exported.sessions.map((s) => s.title)).toEqual([fern.title, lisbon.title])
  expect(exported.sessions.map((s) => s.messages.map((m) => m.content))).toEqual([
    [fern.prompt, fern.answer],
    [lisbon.prompt, lisbon.answer],
  ])

  // Another LogAI on a fresh data folder, with nothing in its history yet.
  await host.stop()
  const fresh = await launch(otherDataDir)
  await signIn(page, fresh)
  await expect(sessionsNav(page)).toContainText('Your conversations will appear here.')

  const importFile = async () => {
    const chooser = page.waitForEvent('filechooser')
    await page.getByRole('button', { name: 'Import', exact: true }).click()
    await (
      await chooser
    ).setFiles({ name: all.name, mimeType: 'application/json', buffer: Buffer.from(all.text) })
  }
  await importFile()
  await expect(sessionNotice(page)).toContainText('Imported 2 sessions')
  await expect(sessionTitles(page)).toHaveText([fern.title, lisbon.title])
  await sessionButton(page, lisbon.title).click()
  await expect(messageText(prompts(page).first())).toHaveText(lisbon.prompt)
  await expect(messageText(answers(page).first())).toContainText('ride tram 28 up the hill')
  await expect(answers(page).first().getByRole('heading', { name: lisbon.title })).toBeVisible()

  await importFile()
  await expect(sessionNotice(page)).toContainText('Imported 0 sessions, skipped 2 already present')
  await expect(sessionTitles(page)).toHaveText([fern.title, lisbon.title])
  await sessionNotice(page).getByRole('button', { name: 'Dismiss' }).click()
  await expect(sessionNotice(page)).toHaveCount(0)
})

test('a host killed mid-answer reopens the answer up to its last checkpoint, marked interrupted', async ({
  page,
  fake,
  host,
  launch,
}) => {
  test.setTimeout(120_000)
  await signIn(page, host)
  // Numbered words, one per chunk ("w0001 "), at most 25 a second: two minutes in all.
  const words = Array.from({ length: 3000 }, (_, i) => `w${String(i + 1).padStart(4, '0')}`)
  const full = words.join(' ')
  fake.setScenario({ answer: full, chunkSize: 6, chunkDelayMs: 40 })
  const prompt = 'Count slowly to three thousand'
  await sendMessage(page, prompt)
  const answer = answers(page).last()
  // Six seconds of streaming at least; LogAI saves what has arrived every second.
  await expect(messageText(answer)).toContainText('w0150', { timeout: 45_000 })
  await expect(answer.getByRole('status')).toHaveText('Copilot is answering…')

  await restart(page, host, launch, 'kill')
  await expect(sessionTitles(page)).toHaveText([prompt])
  await sessionButton(page, prompt).click()
  await expect(messageText(prompts(page).first())).toHaveText(prompt)
  const reopened = answers(page).first()
  await expect(reopened.getByText('This answer was interrupted before it finished.')).toBeVisible()
  await expect(reopened.getByText('Copilot is answering…')).toHaveCount(0)
  const kept = ((await messageText(reopened).textContent()) ?? '').trim()
  // What was kept is the start of the answer, up to a checkpoint a second or two before the kill
  // (some 25 words a second; a wide margin for a busy machine).
  expect(kept).toMatch(/^w0001 w0002 w0003\b/)
  expect(full.startsWith(kept)).toBe(true)
  expect(kept).toContain('w0050')
  expect(kept.length).toBeLessThan(full.length)
  await expect(reopened.getByRole('button', { name: 'Continue' })).toBeEnabled()
})

test('Up in an empty message box recalls earlier prompts, also after a restart', async ({
  page,
  host,
  launch,
}) => {
  await signIn(page, host)
  await sendMessage(page, 'echo: first question')
  await expect(messageText(answers(page).last())).toHaveText('first question')
  await sendMessage(page, 'echo: second question')
  await expect(messageText(answers(page).last())).toHaveText('second question')
  // The small model names it after what follows "echo:" in the first exchange.
  await expect(sessionTitles(page)).toHaveText(['first question'])

  const box = messageBox(page)
  await page.getByRole('button', { name: 'New chat' }).click()
  await expect(box).toBeFocused()
  await box.press('ArrowUp')
  await expect(box).toHaveValue('echo: second question')
  await box.press('ArrowUp')
  await expect(box).toHaveValue('echo: first question')
  await box.press('ArrowDown')
  await expect(box).toHaveValue('echo: second question')
  await box.press('ArrowDown')
  await expect(box).toHaveValue('')
  // Up only recalls from an empty box: a draft is never replaced.
  await box.fill('a draft')
  await box.press('ArrowUp')
  await expect(box).toHaveValue('a draft')

  await restart(page, host, launch)
  await expect(sessionTitles(page)).toHaveText(['first question'])
  await box.click()
  await box.press('ArrowUp')
  await expect(box).toHaveValue('echo: second question')
  await box.press('ArrowUp')
  await expect(box).toHaveValue('echo: first question')
})

test('a damaged history file is moved aside, kept as it was, and the window says where', async ({
  page,
  launch,
  otherDataDir,
}) => {
  const damaged = Buffer.from('This is not a SQLite database. '.repeat(400))
  writeFileSync(join(otherDataDir, 'logai.db'), damaged)
  let host = await launch(otherDataDir)
  await signIn(page, host)

  const movedAside = () =>
    readdirSync(otherDataDir).filter((name) => /^logai\.db\.corrupt-/.test(name))
  expect(movedAside()).toHaveLength(1)
  const aside = join(otherDataDir, movedAside()[0] ?? '')
  expect(readFileSync(aside).equals(damaged)).toBe(true)
  const banner = page.getByRole('alert').filter({ hasText: 'history file' })
  await expect(banner).toContainText(`It was moved to ${aside}`)
  await expect(banner).toContainText('LogAI started a new, empty history.')

  // The new history works and lasts; the next start has nothing to report and moves nothing.
  await sendMessage(page, 'echo: after the damage')
  await expect(messageText(answers(page).last())).toHaveText('after the damage')
  await banner.getByRole('button', { name: 'Dismiss' }).click()
  await expect(banner).toHaveCount(0)
  await host.stop()
  host = await launch(otherDataDir)
  await signIn(page, host)
  await expect(sessionTitles(page)).toHaveText(['after the damage'])
  await expect(page.getByRole('alert')).toHaveCount(0)
  expect(movedAside()).toHaveLength(1)
})
