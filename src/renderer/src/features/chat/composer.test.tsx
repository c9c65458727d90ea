import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Message } from '../../../../shared/contract.ts'
import { AppFailure, type AppError } from '../../../../shared/errors.ts'
import { signedIn } from '../../testing/fake-core.ts'
import { renderApp } from '../../testing/render-app.tsx'

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

const box = () => screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Message' })

const modelPicked = () =>
  waitFor(() => expect(screen.getByRole('button', { name: 'Model: GPT-4o' })).toBeTruthy())

/** Lets answers already on their way (the prompt history) arrive. */
const settled = () => act(() => new Promise((resolve) => setTimeout(resolve, 10)))

async function ready(overrides: Parameters<typeof renderApp>[0] = {}) {
  const app = await renderApp(overrides)
  await modelPicked()
  return app
}

/**
 * Sends "Hi" to a core whose answer ends with `chat:failed` (this error, the message ending so)
 * before its reply to `chat:send` leaves, as a fast core may do; resolves with the answer.
 */
async function sendEndingInFailure(
  error: AppError,
  ending: Pick<Message, 'content' | 'status' | 'error'>,
): Promise<HTMLElement> {
  const base = { sessionId: 's9', createdAt: 1 }
  const app = await ready({
    'chat:send': (input) => {
      queueMicrotask(() =>
        app.core.hub.emit('chat:failed', {
          streamId: 'fast',
          error,
          message: { ...base, id: 'a', role: 'assistant', ...ending },
        }),
      )
      return {
        streamId: 'fast',
        sessionId: 's9',
        userMessage: { ...base, id: 'u', role: 'user', content: input.text, status: 'complete' },
        assistantMessage: { ...base, id: 'a', role: 'assistant', content: '', status: 'streaming' },
      }
    },
  })
  fireEvent.change(box(), { target: { value: 'Hi' } })
  fireEvent.keyDown(box(), { key: 'Enter' })
  return screen.findByRole('article', { name: 'Copilot' })
}

describe('composer', () => {
  it('sends on Enter and clears the box once the core accepted it', async () => {
    const { core } = await ready()
    fireEvent.change(box(), { target: { value: 'What is a monad?' } })
    fireEvent.keyDown(box(), { key: 'Enter' })
    await waitFor(() => expect(box().value).toBe(''))
    expect(core.callsTo('chat:send')).toEqual([
      { sessionId: null, modelId: 'gpt-4o', text: 'What is a monad?', systemPrompt: '' },
    ])
    const mine = screen.getByRole('article', { name: 'You' })
    expect(within(mine).getByText('What is a monad?')).toBeTruthy()
    expect(screen.getByRole('article', { name: 'Copilot' })).toBeTruthy()
  })

  it('inserts a newline on Shift+Enter and ignores Enter during IME composition', async () => {
    const { core } = await ready()
    fireEvent.change(box(), { target: { value: 'line one' } })
    expect(fireEvent.keyDown(box(), { key: 'Enter', shiftKey: true })).toBe(true)
    fireEvent.keyDown(box(), { key: 'Enter', isComposing: true })
    fireEvent.keyDown(box(), { key: 'Enter', keyCode: 229 })
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(core.callsTo('chat:send')).toEqual([])
    expect(box().value).toBe('line one')
  })

  it('keeps the text and shows why when chat:send fails', async () => {
    await ready({
      'chat:send': () => {
        throw new AppFailure({
          kind: 'rate_limited',
          retryAfterMs: 30_000,
          message: 'Copilot is busy. Try again in 30 seconds.',
        })
      },
    })
    fireEvent.change(box(), { target: { value: 'Keep me' } })
    fireEvent.click(screen.getByRole('button', { name: 'Send' }))
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Copilot is busy. Try again in 30 seconds.',
    )
    expect(box().value).toBe('Keep me')
    expect(screen.queryByRole('article')).toBeNull()
  })

  it('refuses a message over the limit before calling chat:send and keeps the text', async () => {
    const { core } = await ready()
    // The fake core records only requests that passed the contract: watch what leaves the client.
    const request = vi.spyOn(core.client, 'request')
    const tooLong = 'x'.repeat(250_000)
    fireEvent.change(box(), { target: { value: tooLong } })
    expect(screen.getByRole('alert').textContent).toBe(
      'This message is 250,000 characters long; the limit is 200,000. Shorten it or split it.',
    )
    expect(box().getAttribute('aria-invalid')).toBe('true')
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Send' }).disabled).toBe(true)
    fireEvent.keyDown(box(), { key: 'Enter' })
    fireEvent.submit(box().form!)
    await act(() => new Promise((resolve) => setTimeout(resolve, 10)))
    expect(request).not.toHaveBeenCalled()
    expect(box().value).toBe(tooLong)

    // The limit counts the text as the core does, without the white space around it.
    fireEvent.change(box(), { target: { value: `  ${'x'.repeat(200_000)}\n` } })
    expect(screen.queryByRole('alert')).toBeNull()
    expect(box().hasAttribute('aria-invalid')).toBe(false)
    fireEvent.keyDown(box(), { key: 'Enter' })
    await waitFor(() => expect(core.callsTo('chat:send')).toHaveLength(1))
    expect(core.callsTo('chat:send')[0]?.text).toHaveLength(200_000)
  })

  it('disables Send while the box is empty', async () => {
    await ready()
    const send = screen.getByRole<HTMLButtonElement>('button', { name: 'Send' })
    expect(send.disabled).toBe(true)
    fireEvent.change(box(), { target: { value: '   ' } })
    expect(send.disabled).toBe(true)
    fireEvent.change(box(), { target: { value: 'hi' } })
    expect(send.disabled).toBe(false)
  })

  it('streams the answer as markdown and stops it', async () => {
    const { core, frames } = await ready()
    fireEvent.change(box(), { target: { value: 'Show code' } })
    fireEvent.keyDown(box(), { key: 'Enter' })
    const answer = await screen.findByRole('article', { name: 'Copilot' })
    expect(within(answer).getByRole('status').textContent).toBe('Copilot is answering…')

    act(() => core.hub.emit('chat:delta', { streamId: 'stream-1', text: 'Here:\n\n```js\nlet' }))
    act(() => core.hub.emit('chat:delta', { streamId: 'stream-1', text: ' a = 1\n```' }))
    await act(() => new Promise((resolve) => setTimeout(resolve, 0)))
    act(() => frames.run())
    expect(answer.querySelector('pre code.language-js')?.textContent).toBe('let a = 1\n')

    fireEvent.click(screen.getByRole('button', { name: 'Stop' }))
    await waitFor(() =>
      expect(core.callsTo('chat:stop')).toEqual([
        { streamId: 'stream-1', shownLength: 'Here:\n\n```js\nlet a = 1\n```'.length },
      ]),
    )

    act(() =>
      core.hub.emit('chat:done', {
        streamId: 'stream-1',
        message: {
          id: 'answer-1',
          sessionId: 'session-new',
          role: 'assistant',
          content: 'Here:',
          status: 'stopped',
          createdAt: 1,
        },
      }),
    )
    await waitFor(() => expect(within(answer).queryByText('Copilot is answering…')).toBeNull())
    expect(within(answer).getByText('Stopped')).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Send' })).toBeTruthy()
  })

  it('leaves no answer in progress behind when the core signs out', async () => {
    const { core } = await ready()
    fireEvent.change(box(), { target: { value: 'Hi' } })
    fireEvent.keyDown(box(), { key: 'Enter' })
    expect(await screen.findByText('Copilot is answering…')).toBeTruthy()

    act(() => core.hub.emit('auth:changed', { kind: 'signed_out' }))
    expect(await screen.findByRole('button', { name: 'Sign in with GitHub' })).toBeTruthy()
    expect(screen.queryByText('Copilot is answering…')).toBeNull()

    act(() => core.hub.emit('auth:changed', signedIn))
    await modelPicked()
    expect(screen.queryByRole('article')).toBeNull()
    expect(screen.queryByText('Copilot is answering…')).toBeNull()
    expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull()
  })

  it('recalls earlier prompts with Up and Down in an empty box', async () => {
    const { core } = await ready({ 'prompts:history': () => ['Second question', 'First question'] })
    await settled()
    expect(core.callsTo('prompts:history')).toHaveLength(1)
    const press = (key: string) => fireEvent.keyDown(box(), { key })

    press('ArrowUp')
    expect(box().value).toBe('Second question')
    press('ArrowUp')
    expect(box().value).toBe('First question')
    press('ArrowUp')
    expect(box().value).toBe('First question')
    press('ArrowDown')
    expect(box().value).toBe('Second question')
    press('ArrowDown')
    expect(box().value).toBe('')
    press('ArrowDown')
    expect(box().value).toBe('')
  })

  it('leaves the history once the person types, and adds what was sent', async () => {
    await ready({ 'prompts:history': () => ['Older prompt'] })
    await settled()
    const press = (key: string) => fireEvent.keyDown(box(), { key })

    fireEvent.change(box(), { target: { value: 'A draft' } })
    press('ArrowUp')
    expect(box().value).toBe('A draft')

    fireEvent.change(box(), { target: { value: '' } })
    press('ArrowUp')
    expect(box().value).toBe('Older prompt')
    fireEvent.change(box(), { target: { value: 'Older prompt, edited' } })
    press('ArrowUp')
    press('ArrowDown')
    expect(box().value).toBe('Older prompt, edited')

    fireEvent.change(box(), { target: { value: 'Newest prompt' } })
    press('Enter')
    await waitFor(() => expect(box().value).toBe(''))
    press('ArrowUp')
    expect(box().value).toBe('Newest prompt')
    press('ArrowUp')
    expect(box().value).toBe('Older prompt')
  })

  it('moves the caret through a recalled prompt of several lines before going further', async () => {
    await ready({ 'prompts:history': () => ['line one\nline two', 'Oldest'] })
    await settled()
    fireEvent.keyDown(box(), { key: 'ArrowUp' })
    expect(box().value).toBe('line one\nline two')
    // The caret is on the last line: Up moves it (the browser does), the text stays.
    box().setSelectionRange(box().value.length, box().value.length)
    expect(fireEvent.keyDown(box(), { key: 'ArrowUp' })).toBe(true)
    expect(box().value).toBe('line one\nline two')
    box().setSelectionRange(3, 3)
    fireEvent.keyDown(box(), { key: 'ArrowUp' })
    expect(box().value).toBe('Oldest')
  })

  it('shows a failed answer with its error', async () => {
    const error = {
      kind: 'upstream',
      status: 502,
      message: 'Copilot returned an error (502).',
    } as const
    const answer = await sendEndingInFailure(error, { content: '', status: 'failed' })
    await waitFor(() => expect(within(answer).getByRole('alert').textContent).toBe(error.message))
  })

  it('says when a whole answer could not be saved, and keeps showing it', async () => {
    const error = {
      kind: 'internal',
      message: 'LogAI could not save this answer. Copy it now if you need it.',
    } as const
    const answer = await sendEndingInFailure(error, {
      content: 'The whole answer.',
      status: 'complete',
      error,
    })
    await waitFor(() => expect(within(answer).getByRole('alert').textContent).toBe(error.message))
    expect(answer.textContent).toContain('The whole answer.')
  })
})
