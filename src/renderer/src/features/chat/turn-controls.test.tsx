import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { Message, Session } from '../../../../shared/contract.ts'
import type { Handlers } from '../../../../shared/rpc.ts'
import { message, testCatalog, testModels } from '../../testing/fake-core.ts'
import { renderApp } from '../../testing/render-app.tsx'

afterEach(cleanup)

const question = message({
  id: 'u1',
  role: 'user',
  sessionId: 's1',
  content: 'Why is the sky blue?',
})
const answer = message({
  id: 'a1',
  role: 'assistant',
  sessionId: 's1',
  content: 'Rayleigh scattering.',
  reasoning: 'Short wavelengths scatter more.',
  usage: { promptTokens: 1200, completionTokens: 34, premiumRequests: 1 },
  modelId: 'gpt-4o',
})

/** Opens a saved conversation with these messages and waits until it is on screen. */
async function openConversation(messages: Message[], overrides: Partial<Handlers> = {}) {
  const session: Session = {
    id: 's1',
    title: 'Sky',
    modelId: 'gpt-4o',
    createdAt: 1,
    updatedAt: 1,
    pinned: false,
    systemPrompt: '',
    messages,
    hasOlder: false,
  }
  const app = await renderApp(
    { 'sessions:get': () => session, ...overrides },
    { sessions: [session] },
  )
  await screen.findByRole('button', { name: 'Model: GPT-4o' })
  const nav = await screen.findByRole('navigation', { name: 'Sessions' })
  fireEvent.click(await within(nav).findByRole('button', { name: 'Sky' }))
  await screen.findByRole('article', { name: 'Copilot' })
  return app
}

const started = (assistant: Message, user: Message = question) => ({
  streamId: 'stream-9',
  sessionId: 's1',
  userMessage: user,
  assistantMessage: assistant,
})

describe('turn controls', () => {
  it('shows the reasoning collapsed as "Thinking" and the usage under the answer', async () => {
    await openConversation([question, answer])
    const article = screen.getByRole('article', { name: 'Copilot' })
    const thinking = within(article).getByText('Thinking').closest('details')
    expect(thinking?.open).toBe(false)
    expect(thinking?.textContent).toContain('Short wavelengths scatter more.')
    expect(within(article).getByText('1,200 tokens in · 34 out · 1 premium request')).toBeTruthy()
  })

  it('copies a message', async () => {
    await openConversation([question, answer])
    const article = screen.getByRole('article', { name: 'Copilot' })
    fireEvent.click(within(article).getByRole('button', { name: 'Copy message' }))
    expect(await within(article).findByText('Copied', { selector: '[role=status]' })).toBeTruthy()
    expect(await navigator.clipboard.readText()).toBe('Rayleigh scattering.')
  })

  it('regenerates the last answer with the picked model', async () => {
    const fresh = message({ id: 'a2', role: 'assistant', sessionId: 's1', status: 'streaming' })
    const { core } = await openConversation([question, answer], {
      'chat:regenerate': () => started(fresh),
    })
    fireEvent.click(screen.getByRole('button', { name: 'Regenerate' }))
    await waitFor(() =>
      expect(core.callsTo('chat:regenerate')).toEqual([
        { sessionId: 's1', messageId: 'a1', modelId: 'gpt-4o' },
      ]),
    )
    expect(await screen.findByText('Copilot is answering…')).toBeTruthy()
    expect(screen.queryByText('Rayleigh scattering.')).toBeNull()
  })

  it('offers Retry and Continue on an answer that was cut off', async () => {
    const cut: Message = {
      ...answer,
      content: 'Rayleigh scat',
      status: 'failed',
      error: { kind: 'network', message: 'The connection to Copilot dropped.' },
    }
    const resumed: Message = { ...cut, status: 'streaming' }
    const { core } = await openConversation([question, cut], {
      'chat:continue': () => started(resumed),
    })
    expect(screen.getByRole('alert').textContent).toContain('The connection to Copilot dropped.')
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }))
    await waitFor(() =>
      expect(core.callsTo('chat:continue')).toEqual([
        { sessionId: 's1', messageId: 'a1', modelId: 'gpt-4o' },
      ]),
    )
    expect(await screen.findByText('Copilot is answering…')).toBeTruthy()
    expect(screen.getByText('Rayleigh scat')).toBeTruthy()
  })

  it('edits a message in place and resends it; Escape cancels', async () => {
    const edited = message({ id: 'u9', role: 'user', sessionId: 's1', content: 'Why red sunsets?' })
    const fresh = message({ id: 'a9', role: 'assistant', sessionId: 's1', status: 'streaming' })
    const { core } = await openConversation([question, answer], {
      'chat:edit': () => started(fresh, edited),
    })
    const mine = screen.getByRole('article', { name: 'You' })
    fireEvent.click(within(mine).getByRole('button', { name: 'Edit' }))
    const box = screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Edit message' })
    expect(box.value).toBe('Why is the sky blue?')
    fireEvent.keyDown(box, { key: 'Escape' })
    expect(screen.queryByRole('textbox', { name: 'Edit message' })).toBeNull()

    fireEvent.click(within(mine).getByRole('button', { name: 'Edit' }))
    fireEvent.change(screen.getByRole('textbox', { name: 'Edit message' }), {
      target: { value: 'Why red sunsets?' },
    })
    fireEvent.click(screen.getByRole('button', { name: 'Save and send' }))
    await waitFor(() =>
      expect(core.callsTo('chat:edit')).toEqual([
        { sessionId: 's1', messageId: 'u1', modelId: 'gpt-4o', text: 'Why red sunsets?' },
      ]),
    )
    expect(await screen.findByText('Why red sunsets?')).toBeTruthy()
    expect(screen.queryByText('Rayleigh scattering.')).toBeNull()
  })

  it('sets this conversation’s system prompt', async () => {
    const { core } = await openConversation([question, answer])
    fireEvent.click(screen.getByRole('button', { name: 'System prompt' }))
    fireEvent.change(screen.getByRole('textbox', { name: 'System prompt for this chat' }), {
      target: { value: 'Answer like a pirate.' },
    })
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    await waitFor(() =>
      expect(core.callsTo('sessions:setSystemPrompt')).toEqual([
        { id: 's1', systemPrompt: 'Answer like a pirate.' },
      ]),
    )
    expect(await screen.findByRole('button', { name: 'System prompt (set)' })).toBeTruthy()
  })

  it('saves the default system prompt in Settings', async () => {
    const { core } = await renderApp()
    fireEvent.click(await screen.findByRole('button', { name: 'Settings' }))
    const dialog = screen.getByRole('dialog', { name: 'Settings' })
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Default system prompt' }), {
      target: { value: 'Be brief.' },
    })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }))
    await waitFor(() =>
      expect(core.callsTo('settings:update')).toEqual([{ defaultSystemPrompt: 'Be brief.' }]),
    )
  })
})

describe('images in the composer', () => {
  const png = () =>
    new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'dot.png', { type: 'image/png' })

  async function attach(file: File) {
    const input = document.querySelector<HTMLInputElement>('input[type=file]')!
    await act(async () => {
      fireEvent.change(input, { target: { files: [file] } })
      await new Promise((resolve) => setTimeout(resolve, 0))
    })
  }

  it('sends an attached image with the message', async () => {
    const { core } = await renderApp()
    await screen.findByRole('button', { name: 'Model: GPT-4o' })
    expect(screen.getByRole('button', { name: 'Attach image' })).toBeTruthy()
    await attach(png())
    expect(await screen.findByRole('img', { name: 'Attached image 1' })).toBeTruthy()
    fireEvent.change(screen.getByRole('textbox', { name: 'Message' }), {
      target: { value: 'What is this?' },
    })
    fireEvent.click(screen.getByRole('button', { name: 'Send' }))
    await waitFor(() =>
      expect(core.callsTo('chat:send')[0]?.images).toEqual([
        { mediaType: 'image/png', base64: 'iVBORw==' },
      ]),
    )
  })

  it('says before sending that the picked model cannot see images', async () => {
    await renderApp({
      'models:list': () => testCatalog({ selectedId: 'gemini-2.5-pro' }),
    })
    await screen.findByRole('button', { name: 'Model: Gemini 2.5 Pro' })
    await attach(png())
    expect((await screen.findByRole('alert')).textContent).toBe(
      `${testModels[2]!.name} cannot see images. Pick a model with vision, or remove the images.`,
    )
    fireEvent.change(screen.getByRole('textbox', { name: 'Message' }), {
      target: { value: 'What is this?' },
    })
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Send' }).disabled).toBe(true)
    fireEvent.click(screen.getByRole('button', { name: 'Remove image 1' }))
    expect(screen.queryByRole('alert')).toBeNull()
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Send' }).disabled).toBe(false)
  })
})
