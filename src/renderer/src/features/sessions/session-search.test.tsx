import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Message, SearchHit, SessionSummary } from '../../../../shared/contract.ts'
import { AppFailure } from '../../../../shared/errors.ts'
import type { Handlers } from '../../../../shared/rpc.ts'
import { message } from '../../testing/fake-core.ts'
import { renderApp } from '../../testing/render-app.tsx'

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

const now = Date.now()
const summaries: SessionSummary[] = [
  {
    id: 's2',
    title: 'Rust lifetimes',
    modelId: 'claude-sonnet-4',
    createdAt: 1,
    updatedAt: now,
    pinned: false,
  },
  {
    id: 's1',
    title: 'Bash loops',
    modelId: 'gpt-4o',
    createdAt: 1,
    updatedAt: now - 1,
    pinned: false,
  },
]

// Rust lifetimes has 52 messages; the core hands out the last two first.
const history: Message[] = Array.from({ length: 52 }, (_, i) =>
  message({
    id: `m${i + 1}`,
    sessionId: 's2',
    role: i % 2 ? 'assistant' : 'user',
    content: i === 6 ? 'How does the borrow checker treat loops?' : `Message ${i + 1}`,
  }),
)

const borrowHits: SearchHit[] = [
  {
    sessionId: 's2',
    title: 'Rust lifetimes',
    updatedAt: now,
    messageId: 'm7',
    snippet: 'How does the borrow checker treat loops?',
    highlights: [[13, 19]],
  },
  {
    sessionId: 's1',
    title: 'Bash loops',
    updatedAt: now - 1,
    messageId: null,
    snippet: 'Bash loops',
    highlights: [],
  },
]

async function ready(overrides: Partial<Handlers> = {}) {
  const app = await renderApp(
    {
      'sessions:search': ({ query }) => (query === 'borrow' ? borrowHits : []),
      'sessions:get': ({ id }) => ({
        ...summaries.find((s) => s.id === id)!,
        systemPrompt: '',
        messages: id === 's2' ? history.slice(-2) : [],
        hasOlder: id === 's2',
      }),
      'sessions:olderMessages': ({ beforeId }) => {
        const end = history.findIndex((m) => m.id === beforeId)
        return { messages: history.slice(0, end), hasOlder: false }
      },
      ...overrides,
    },
    { sessions: summaries },
  )
  const nav = screen.getByRole('navigation', { name: 'Sessions' })
  await within(nav).findByRole('button', { name: 'Rust lifetimes' })
  await waitFor(() => expect(screen.getByRole('button', { name: 'Model: GPT-4o' })).toBeTruthy())
  return {
    ...app,
    nav,
    box: screen.getByRole<HTMLInputElement>('searchbox', { name: 'Search sessions' }),
  }
}

const type = (box: HTMLElement, value: string) => fireEvent.change(box, { target: { value } })

describe('session search', () => {
  it('shows matches with the matched words marked, once typing pauses', async () => {
    const { core, nav, box } = await ready()
    type(box, 'b')
    type(box, 'bor')
    type(box, 'borrow')
    const results = await within(nav).findByRole('list', { name: 'Search results' })
    const hit = await within(results).findByRole('button', {
      name: 'Rust lifetimes How does the borrow checker treat loops?',
    })
    expect([...hit.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['borrow'])
    expect(within(nav).getByRole('status').textContent).toBe('2 results')
    expect(core.callsTo('sessions:search')).toEqual([{ query: 'borrow', limit: 50 }])
    // The results replace the list.
    expect(within(nav).queryByRole('button', { name: 'Bash loops' })).toBeNull()
  })

  it('says when nothing matches, and Escape brings the list back', async () => {
    const { nav, box } = await ready()
    type(box, 'zebra')
    await waitFor(() =>
      expect(within(nav).getByRole('status').textContent).toBe('No sessions match “zebra”'),
    )
    fireEvent.keyDown(box, { key: 'Escape' })
    expect(box.value).toBe('')
    expect(within(nav).getByRole('button', { name: 'Bash loops' })).toBeTruthy()
  })

  it('says when it shows only the best results, not that they are all there are', async () => {
    const many: SearchHit[] = Array.from({ length: 50 }, (_, i) => ({
      ...borrowHits[0]!,
      messageId: `m${i + 1}`,
    }))
    const { nav, box } = await ready({ 'sessions:search': () => many })
    type(box, 'message')
    await waitFor(() =>
      expect(within(nav).getByRole('status').textContent).toBe(
        'The 50 best results: add words to narrow the search',
      ),
    )
  })

  it('offers Retry when the search fails', async () => {
    let fail = true
    const { nav, box } = await ready({
      'sessions:search': () => {
        if (fail) throw new AppFailure({ kind: 'internal', message: 'Search is unavailable.' })
        return borrowHits
      },
    })
    type(box, 'borrow')
    expect((await within(nav).findByRole('alert')).textContent).toContain('Search is unavailable.')
    fail = false
    fireEvent.click(within(nav).getByRole('button', { name: 'Retry' }))
    expect(await within(nav).findByRole('button', { name: /^Bash loops/ })).toBeTruthy()
  })

  it('is reached with Ctrl+K from the message box, and results with Down', async () => {
    const { nav, box } = await ready()
    const composer = screen.getByRole('textbox', { name: 'Message' })
    act(() => composer.focus())
    fireEvent.keyDown(composer, { key: 'k', ctrlKey: true })
    expect(document.activeElement).toBe(box)

    type(box, 'borrow')
    const first = await within(nav).findByRole('button', { name: /^Rust lifetimes/ })
    fireEvent.keyDown(box, { key: 'ArrowDown' })
    expect(document.activeElement).toBe(first)
    fireEvent.keyDown(first, { key: 'ArrowDown' })
    expect(document.activeElement).toBe(within(nav).getByRole('button', { name: /^Bash loops/ }))
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' })
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' })
    expect(document.activeElement).toBe(box)
  })

  it('opens a result at its message, loading earlier messages to get there', async () => {
    const scrolled = vi.spyOn(Element.prototype, 'scrollIntoView')
    const { core, nav, box } = await ready()
    type(box, 'borrow')
    fireEvent.click(await within(nav).findByRole('button', { name: /^Rust lifetimes/ }))

    const found = await screen.findByText('How does the borrow checker treat loops?')
    expect(core.callsTo('sessions:olderMessages')[0]).toMatchObject({ id: 's2', beforeId: 'm51' })
    const slot = found.closest<HTMLElement>('[data-message-id]')!
    await waitFor(() => expect(document.activeElement).toBe(slot))
    expect(scrolled.mock.contexts).toContain(slot)
    expect(slot.className).toContain('message-found')
    expect(screen.getByRole('heading', { level: 1, name: 'Rust lifetimes' })).toBeTruthy()
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Model: Claude Sonnet 4' })).toBeTruthy(),
    )
    // The whole conversation is there, the latest messages included.
    expect(screen.getByText('Message 52')).toBeTruthy()
  })
})

describe('opening a session', () => {
  it('says when its model cannot answer it now, and which model will', async () => {
    const { nav } = await ready({
      'sessions:get': ({ id }) => ({
        ...summaries.find((s) => s.id === id)!,
        modelId: 'retired-model-9000',
        systemPrompt: '',
        messages: [],
        hasOlder: false,
      }),
    })
    fireEvent.click(within(nav).getByRole('button', { name: 'Bash loops' }))
    const note = await screen.findByText(/This conversation was with retired-model-9000/)
    expect(note.textContent).toBe(
      'This conversation was with retired-model-9000, which this account cannot use now; GPT-4o will answer.',
    )
    expect(screen.getByRole('button', { name: 'Model: GPT-4o' })).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'New chat' }))
    await waitFor(() => expect(screen.queryByText(/This conversation was with/)).toBeNull())
  })
})
