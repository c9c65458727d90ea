import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startFakeUpstream, type FakeUpstream } from '../../../e2e/fake-upstream/index.ts'
import { maxSessionPageSize, type Message } from '../../shared/contract.ts'
import {
  ask,
  createTestCore,
  followAnswer,
  isTitleRequest,
  signInThroughDeviceFlow,
  type TestCore,
} from '../testing/test-core.ts'
import { continuePrompt } from './chat-service.ts'

let fake: FakeUpstream
let t: TestCore

beforeEach(async () => {
  fake = await startFakeUpstream({
    scenario: { deviceInterval: 1, chunkDelayMs: 1, autoApproveAfterPolls: 0 },
  })
  t = createTestCore({ githubUrl: fake.githubUrl, githubApiUrl: fake.githubApiUrl })
  await t.core.ready
  await signInThroughDeviceFlow(t)
})

afterEach(async () => {
  await t.close()
  await fake.close()
})

const chatRoutes = ['/copilot/chat/completions', '/copilot/responses', '/copilot/v1/messages']

/** The answers the fake was asked for, oldest first, without the title requests. */
const answerRequests = () =>
  fake.requests.filter((r) => chatRoutes.includes(r.path) && !isTitleRequest(r.body))

/** The title requests the fake received. */
const titleRequests = () =>
  fake.requests.filter((r) => chatRoutes.includes(r.path) && isTitleRequest(r.body))

describe('every model on its own endpoint (§6.2)', () => {
  it.each([
    ['gpt-4.1', '/copilot/chat/completions'],
    ['gpt-5.4', '/copilot/responses'],
    ['claude-sonnet-4.5', '/copilot/v1/messages'],
    ['gemini-2.5-pro', '/copilot/chat/completions'],
  ])('answers with %s through %s', async (modelId, path) => {
    const { end, streamed } = await ask(t, 'echo: Grüße aus Köln', modelId)
    expect(end.error).toBeUndefined()
    expect(streamed).toBe('Grüße aus Köln')
    expect(end.message).toMatchObject({ status: 'complete', content: 'Grüße aus Köln' })
    expect(answerRequests().map((r) => r.path)).toEqual([path])
  })

  it('answers when the state file cannot be written, and a model pick then says why', async () => {
    // A folder where state.json should be: every write of the small UI state fails.
    const stateFile = join(t.dataDir, 'state.json')
    rmSync(stateFile, { force: true })
    mkdirSync(join(stateFile, 'in-the-way'), { recursive: true })
    const { end, streamed } = await ask(t, 'echo: still answered', 'gpt-4.1')
    expect(end.error).toBeUndefined()
    expect(streamed).toBe('still answered')
    const picked = await t.client.request('models:select', { modelId: 'claude-sonnet-4.5' })
    expect(picked).toEqual({
      ok: false,
      error: {
        kind: 'internal',
        message: `LogAI could not save this setting in ${t.dataDir}. Check the disk, then try again.`,
      },
    })
  })

  it('shows reasoning as "Thinking" where the model streams it, and keeps it', async () => {
    for (const modelId of ['gemini-2.5-pro', 'gpt-5.4', 'claude-sonnet-4.5']) {
      const { sent, end } = await ask(t, 'echo: done', modelId)
      const followed = end.message.reasoning
      expect(followed, modelId).toBe(fake.scenario.reasoning)
      const stored = await t.client.request('sessions:get', { id: sent.sessionId })
      expect(stored.ok && stored.value.messages[1]?.reasoning).toBe(fake.scenario.reasoning)
    }
  })

  it('records token usage and the premium requests a user request counted', async () => {
    const { end } = await ask(t, 'echo: counted', 'claude-sonnet-4.5')
    expect(end.message.usage).toMatchObject({
      promptTokens: expect.any(Number),
      completionTokens: expect.any(Number),
      premiumRequests: 1,
    })
    expect(end.message.usage!.completionTokens).toBeGreaterThan(0)
  })

  it('prices an answer where /models gives token prices (§6.1)', async () => {
    const { end } = await ask(t, 'echo: priced', 'gpt-5.3-codex')
    expect(end.message.usage?.costUsd).toBeGreaterThan(0)
  })
})

describe('faults before the first byte are retried, bounded (issue 4 §6)', () => {
  it('retries a 429 after its Retry-After, billed as agent, unseen except as a notice', async () => {
    fake.setScenario({ chatFault: { status: 429, retryAfter: 1, times: 1 } })
    const retrying = t.next('chat:retrying')
    const { end } = await ask(t, 'echo: after the wait', 'claude-sonnet-4.5')
    expect((await retrying).delayMs).toBe(1000)
    expect(end.message).toMatchObject({ status: 'complete', content: 'after the wait' })
    expect(answerRequests().map((r) => r.headers['x-initiator'])).toEqual(['user', 'agent'])
    // The refused request was not billed and the retry went out as agent: nothing counted.
    expect(end.message.usage?.premiumRequests).toBe(0)
    expect(fake.scenario.premiumUsed).toBe(0)
  })

  it('retries a 503 and answers', async () => {
    fake.setScenario({ chatFault: { status: 503, times: 2 } })
    const { end } = await ask(t, 'echo: back again', 'gpt-5.4')
    expect(end.message).toMatchObject({ status: 'complete', content: 'back again' })
    expect(answerRequests()).toHaveLength(3)
  })

  it('gives up on a long Retry-After at once, saying until when', async () => {
    fake.setScenario({ chatFault: { status: 429, retryAfter: 3600 } })
    const { end } = await ask(t, 'hi')
    expect(end.error).toMatchObject({ kind: 'rate_limited', retryAfterMs: 3_600_000 })
    expect(answerRequests()).toHaveLength(1)
  })

  it('says the quota is used up on a 402, and the context is too long on its 400', async () => {
    fake.setScenario({ chatFault: { status: 402 } })
    expect((await ask(t, 'hi')).end.error?.kind).toBe('quota_exhausted')
    fake.setScenario({ chatFault: { status: 400 } })
    expect((await ask(t, 'hi', 'claude-sonnet-4.5')).end.error?.kind).toBe('context_too_long')
  })
})

describe('turn controls (issue 4 §4)', () => {
  it('continues an answer that dropped mid-stream, as agent, into the same message', async () => {
    fake.setScenario({ dropAfterChunks: 2, chunkSize: 4 })
    const first = await ask(t, 'echo: one two three four five six')
    expect(first.end.message.status).toBe('failed')
    const partial = first.end.message.content
    expect(partial.length).toBeGreaterThan(0)

    fake.setScenario({ dropAfterChunks: null })
    const resumed = await t.client.request('chat:continue', {
      sessionId: first.sent.sessionId,
      messageId: first.end.message.id,
      modelId: 'gpt-4.1',
    })
    if (!resumed.ok) throw new Error(resumed.error.message)
    const end = await followAnswer(t, resumed.value.streamId)
    expect(end.message.id).toBe(first.end.message.id)
    expect(end.message.status).toBe('complete')
    expect(end.message.content.startsWith(partial)).toBe(true)
    const last = answerRequests().at(-1)!
    expect(last.headers['x-initiator']).toBe('agent')
    const sentMessages = (last.body as { messages: Array<{ role: string; content: string }> })
      .messages
    expect(sentMessages.slice(-2)).toEqual([
      { role: 'assistant', content: partial },
      { role: 'user', content: continuePrompt },
    ])
  })

  it('regenerates the last answer, replacing it', async () => {
    const first = await ask(t, 'echo: again')
    const again = await t.client.request('chat:regenerate', {
      sessionId: first.sent.sessionId,
      messageId: first.end.message.id,
      modelId: 'claude-sonnet-4.5',
    })
    if (!again.ok) throw new Error(again.error.message)
    await followAnswer(t, again.value.streamId)
    const session = await t.client.request('sessions:get', { id: first.sent.sessionId })
    if (!session.ok) throw new Error(session.error.message)
    expect(session.value.messages.map((m) => [m.role, m.content, m.modelId])).toEqual([
      ['user', 'echo: again', undefined],
      ['assistant', 'again', 'claude-sonnet-4.5'],
    ])
    // A person asked for a new answer to a good one: that is their request (§5.3).
    expect(answerRequests().at(-1)?.headers['x-initiator']).toBe('user')
  })

  it('edits a past message and resends, dropping every later turn', async () => {
    const first = await ask(t, 'echo: one')
    await ask(t, 'echo: two', 'gpt-4.1', first.sent.sessionId)
    const edited = await t.client.request('chat:edit', {
      sessionId: first.sent.sessionId,
      messageId: first.sent.userMessage.id,
      modelId: 'gpt-4.1',
      text: 'echo: uno',
    })
    if (!edited.ok) throw new Error(edited.error.message)
    await followAnswer(t, edited.value.streamId)
    const session = await t.client.request('sessions:get', { id: first.sent.sessionId })
    expect(session.ok && session.value.messages.map((m) => m.content)).toEqual(['echo: uno', 'uno'])
    expect((answerRequests().at(-1)?.body as { messages: unknown[] }).messages).toEqual([
      { role: 'user', content: 'echo: uno' },
    ])
  })

  it('sends the conversation’s system prompt, on every endpoint in its own place', async () => {
    const started = await t.client.request('chat:send', {
      sessionId: null,
      modelId: 'gpt-4.1',
      text: 'echo: hi',
      systemPrompt: 'Be brief.',
    })
    if (!started.ok) throw new Error(started.error.message)
    await followAnswer(t, started.value.streamId)
    const sessionId = started.value.sessionId
    expect((answerRequests().at(-1)?.body as { messages: unknown[] }).messages[0]).toEqual({
      role: 'system',
      content: 'Be brief.',
    })
    await t.client.request('sessions:setSystemPrompt', { id: sessionId, systemPrompt: 'Rhyme.' })
    await ask(t, 'echo: again', 'claude-sonnet-4.5', sessionId)
    expect((answerRequests().at(-1)?.body as { system: unknown }).system).toBe('Rhyme.')
    await ask(t, 'echo: and again', 'gpt-5.4', sessionId)
    expect((answerRequests().at(-1)?.body as { instructions: unknown }).instructions).toBe('Rhyme.')
  })

  it('starts new chats with the app-wide default system prompt', async () => {
    await t.client.request('settings:update', { defaultSystemPrompt: 'Default rules.' })
    const { sent } = await ask(t, 'echo: hi')
    const session = await t.client.request('sessions:get', { id: sent.sessionId })
    expect(session.ok && session.value.systemPrompt).toBe('Default rules.')
  })
})

describe('models that need something first', () => {
  const png = { mediaType: 'image/png' as const, base64: 'iVBORw0KGgo=' }

  it('sends images to a vision model with Copilot-Vision-Request (§5.2)', async () => {
    const sent = await t.client.request('chat:send', {
      sessionId: null,
      modelId: 'gpt-4.1',
      text: 'echo: a picture',
      images: [png],
    })
    if (!sent.ok) throw new Error(sent.error.message)
    const end = await followAnswer(t, sent.value.streamId)
    expect(end.message.status).toBe('complete')
    expect(answerRequests().at(-1)?.headers['copilot-vision-request']).toBe('true')
  })

  it('refuses images for a model that cannot see them, before writing anything', async () => {
    const sent = await t.client.request('chat:send', {
      sessionId: null,
      modelId: 'o3-mini',
      text: 'what is this?',
      images: [png],
    })
    expect(!sent.ok && sent.error).toMatchObject({
      kind: 'invalid_input',
      message: expect.stringMatching(/cannot see images/),
    })
    const sessions = await t.client.request('sessions:listPage', { limit: maxSessionPageSize })
    expect(sessions.ok && sessions.value.sessions).toEqual([])
  })

  it('enables a model whose policy is off (§10.1), after which it answers', async () => {
    const before = await t.client.request('chat:send', {
      sessionId: null,
      modelId: 'claude-opus-4.6',
      text: 'hi',
    })
    expect(!before.ok && before.error.kind).toBe('model_unavailable')
    const enabled = await t.client.request('models:enable', { modelId: 'claude-opus-4.6' })
    expect(enabled.ok && enabled.value.availability).toEqual({ state: 'ready' })
    const { end } = await ask(t, 'echo: enabled', 'claude-opus-4.6')
    expect(end.message).toMatchObject({ status: 'complete', content: 'enabled' })
  })

  it('refuses a model the plan does not include, saying which plans do', async () => {
    const sent = await t.client.request('chat:send', {
      sessionId: null,
      modelId: 'grok-code-fast-1',
      text: 'hi',
    })
    expect(!sent.ok && sent.error).toMatchObject({ kind: 'model_unavailable' })
    expect(answerRequests()).toHaveLength(0)
  })
})

describe('titles (issue 5 §3)', () => {
  it('names a new conversation with the small model, billed as agent, after its first answer', async () => {
    const { sent } = await ask(t, 'echo: How do Rust lifetimes work?')
    await t.next('sessions:changed')
    await expect
      .poll(async () => {
        const list = await t.client.request('sessions:listPage', { limit: maxSessionPageSize })
        return list.ok && list.value.sessions.find((s) => s.id === sent.sessionId)?.title
      })
      .not.toBe('echo: How do Rust lifetimes work?')
    const titleRequest = titleRequests().at(-1)!
    expect(titleRequest.headers['x-initiator']).toBe('agent')
    expect((titleRequest.body as { model: string }).model).toBe('gpt-4.1')
  })

  it('names it after the first answer that completes, when the first one was cut off', async () => {
    fake.setScenario({ dropAfterChunks: 2, chunkSize: 4 })
    const first = await ask(t, 'echo: tell me about volcanoes and their eruptions')
    expect(first.end.message.status).toBe('failed')
    fake.setScenario({ dropAfterChunks: null })
    const named = await ask(t, 'echo: and geysers?', 'gpt-4.1', first.sent.sessionId)
    await expect
      .poll(async () => {
        const list = await t.client.request('sessions:listPage', { limit: maxSessionPageSize })
        return list.ok && list.value.sessions.find((s) => s.id === first.sent.sessionId)?.title
      })
      .not.toBe('echo: tell me about volcanoes and their eruptions')
    expect(titleRequests()).toHaveLength(1)
    // Named once: later answers ask for no title, nor does a new answer to the prompt whose
    // answer named it.
    await ask(t, 'echo: thanks', 'gpt-4.1', first.sent.sessionId)
    const again = await t.client.request('chat:regenerate', {
      sessionId: first.sent.sessionId,
      messageId: named.end.message.id,
      modelId: 'gpt-4.1',
    })
    if (!again.ok) throw new Error(again.error.message)
    await followAnswer(t, again.value.streamId)
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(titleRequests()).toHaveLength(1)
  })

  it('never replaces a title the person gave', async () => {
    fake.setScenario({ chunkDelayMs: 50 })
    const sent = await t.client.request('chat:send', {
      sessionId: null,
      modelId: 'gpt-4.1',
      text: 'echo: one two three',
    })
    if (!sent.ok) throw new Error(sent.error.message)
    await t.client.request('sessions:rename', { id: sent.value.sessionId, title: 'Mine' })
    await followAnswer(t, sent.value.streamId)
    // Wait for the title request to be answered and (not) applied.
    await expect.poll(() => titleRequests().length).toBe(1)
    await new Promise((resolve) => setTimeout(resolve, 200))
    const list = await t.client.request('sessions:listPage', { limit: maxSessionPageSize })
    expect(list.ok && list.value.sessions[0]?.title).toBe('Mine')
  })
})

describe('Stop (issue 4 §4)', () => {
  const longAnswer = 'word '.repeat(4000)

  /** Starts a long answer (20 s at the fake's pace) in a new session. */
  async function sendForLongAnswer() {
    fake.setScenario({ answer: longAnswer, chunkSize: 5, chunkDelayMs: 5 })
    const sent = await t.client.request('chat:send', {
      sessionId: null,
      modelId: 'gpt-4.1',
      text: 'long, please',
    })
    if (!sent.ok) throw new Error(sent.error.message)
    return sent.value
  }

  it('keeps the answer as the person saw it: nothing after Stop is sent or saved', async () => {
    const sent = await sendForLongAnswer()
    const { streamId } = sent
    let streamed = ''
    let afterStop = 0
    let stopping = false
    t.client.on('chat:delta', (d) => {
      if (d.streamId !== streamId) return
      if (stopping) afterStop++
      else streamed += d.text
    })
    await expect.poll(() => streamed.length, { timeout: 10_000 }).toBeGreaterThan(100)
    const done = t.next('chat:done', (d) => d.streamId === streamId)
    const shown = streamed.slice(0, streamed.length - 10)
    await t.client.request('chat:stop', { streamId, shownLength: shown.length })
    // Once the core has taken the Stop, not one more delta may come.
    stopping = true
    const { message } = await done
    expect(afterStop).toBe(0)
    expect(message).toMatchObject({ status: 'stopped', content: shown })
    const stored = await t.client.request('sessions:get', { id: sent.sessionId })
    expect(stored.ok && stored.value.messages[1]?.content).toBe(shown)
  })

  it('stops an answer whose session is deleted; Undo brings it back as stopped', async () => {
    const { streamId, sessionId } = await sendForLongAnswer()
    let streamed = ''
    t.client.on('chat:delta', (d) => {
      if (d.streamId === streamId) streamed += d.text
    })
    await expect.poll(() => streamed.length, { timeout: 10_000 }).toBeGreaterThan(100)
    const done = t.next('chat:done', (d) => d.streamId === streamId)
    expect(await t.client.request('sessions:delete', { id: sessionId })).toEqual({
      ok: true,
      value: undefined,
    })
    const { message } = await done
    expect(message.status).toBe('stopped')
    expect(message.content.length).toBeLessThan(longAnswer.length)
    await t.client.request('sessions:restore', { id: sessionId })
    const stored = await t.client.request('sessions:get', { id: sessionId })
    expect(stored.ok && stored.value.messages[1]).toMatchObject({
      status: 'stopped',
      content: message.content,
    })
    // Restored, it answers again.
    fake.setScenario({ answer: 'back again', chunkSize: 5, chunkDelayMs: 1 })
    const { end } = await ask(t, 'echo: back again', 'gpt-4.1', sessionId)
    expect(end.message).toMatchObject({ status: 'complete', content: 'back again' })
  })

  it('stops an answer whose send was still being written when its session was deleted', async () => {
    // The delete lands at a different point of the send each time: before its turn is written,
    // while it is, or after it, before the answer's stream begins. An answer may end before the
    // send's reply is read, so every end is collected from the start.
    const ends = new Map<string, Message>()
    t.client.on('chat:done', (end) => void ends.set(end.streamId, end.message))
    t.client.on('chat:failed', (end) => void ends.set(end.streamId, end.message))
    for (let turns = 0; turns < 10; turns++) {
      fake.setScenario({ answer: 'ok', chunkSize: 5, chunkDelayMs: 1 })
      const { sent } = await ask(t, 'echo: first')
      fake.setScenario({ answer: longAnswer, chunkSize: 5, chunkDelayMs: 5 })
      const sending = t.client.request('chat:send', {
        sessionId: sent.sessionId,
        modelId: 'gpt-4.1',
        text: 'more',
      })
      for (let turn = 0; turn < turns; turn++) await new Promise((resolve) => setImmediate(resolve))
      expect(await t.client.request('sessions:delete', { id: sent.sessionId })).toMatchObject({
        ok: true,
      })
      const again = await sending
      // Either the send found the session deleted, or its answer stopped, saved as it was.
      if (!again.ok) {
        expect(again.error.message).toBe('That conversation no longer exists.')
        continue
      }
      const { streamId } = again.value
      await expect.poll(() => ends.has(streamId), { timeout: 10_000 }).toBe(true)
      const ended = ends.get(streamId)
      expect(ended?.status, `delete after ${turns} turns`).toBe('stopped')
      expect(ended?.content.length).toBeLessThan(longAnswer.length)
    }
  })
})
