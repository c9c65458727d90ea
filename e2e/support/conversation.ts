import { expect, type Locator, type Page } from '@playwright/test'
import type { FakeUpstream, RecordedRequest } from '../fake-upstream/index.ts'

/** The composer's message box. */
export function messageBox(page: Page): Locator {
  return page.getByRole('textbox', { name: 'Message' })
}

/** Types a message and presses Enter, as a person sends one. */
export async function sendMessage(page: Page, text: string) {
  const box = messageBox(page)
  await box.fill(text)
  await box.press('Enter')
  await expect(box).toHaveValue('')
}

/** The person's turns, oldest first. */
export function prompts(page: Page): Locator {
  return page.getByRole('article', { name: 'You' })
}

/** Copilot's turns, oldest first. */
export function answers(page: Page): Locator {
  return page.getByRole('article', { name: 'Copilot' })
}

/**
 * The text of one turn without its buttons, notes and usage line: the person's message as
 * typed, or Copilot's rendered answer. Roles cannot tell the text from the rest of a turn, so
 * this is the one place the specs name the turn's own classes.
 */
export function messageText(turn: Locator): Locator {
  return turn.locator(':scope > .message-bubble, :scope > .markdown')
}

/** Whether a request asks the small model to name a conversation, rather than to answer. */
export function isTitleRequest(request: RecordedRequest): boolean {
  const body = request.body as { messages?: Array<{ role?: string; content?: unknown }> } | null
  const system = body?.messages?.find((m) => m.role === 'system')?.content
  return typeof system === 'string' && system.startsWith('Write a title')
}

/**
 * Answer requests the fake received on one route (`/chat/completions`, `/responses`, …), oldest
 * first, without the requests that name conversations.
 */
export function answerRequests(fake: FakeUpstream, route: string): RecordedRequest[] {
  return fake.requests.filter(
    (r) => r.method === 'POST' && r.path === `/copilot${route}` && !isTitleRequest(r),
  )
}
