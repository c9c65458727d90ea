import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { Message } from '../../../../shared/contract.ts'
import { message } from '../../testing/fake-core.ts'
import { renderApp } from '../../testing/render-app.tsx'

afterEach(cleanup)

// A conversation of 120 messages; the core hands out the latest 20, then pages of 50.
const all: Message[] = Array.from({ length: 120 }, (_, i) =>
  message({
    id: `m${i + 1}`,
    sessionId: 'long',
    role: i % 2 ? 'assistant' : 'user',
    content: `Message ${i + 1}`,
  }),
)

async function openLongSession() {
  const app = await renderApp(
    {
      'sessions:get': ({ id }) => ({
        id,
        title: 'Long talk',
        modelId: 'gpt-4o',
        createdAt: 1,
        updatedAt: 1,
        pinned: false,
        systemPrompt: '',
        messages: all.slice(-20),
        hasOlder: true,
      }),
      'sessions:olderMessages': ({ beforeId, limit = 20 }) => {
        const end = all.findIndex((m) => m.id === beforeId)
        const start = Math.max(0, end - limit)
        return { messages: all.slice(start, end), hasOlder: start > 0 }
      },
    },
    {
      sessions: [
        {
          id: 'long',
          title: 'Long talk',
          modelId: 'gpt-4o',
          createdAt: 1,
          updatedAt: 1,
          pinned: false,
        },
      ],
    },
  )
  const conversation = screen.getByRole('region', { name: 'Conversation' })
  // happy-dom lays nothing out: say each message is 100 px high in a 500 px view.
  Object.defineProperty(conversation, 'scrollHeight', {
    get: () => conversation.querySelectorAll('article').length * 100,
  })
  Object.defineProperty(conversation, 'clientHeight', { get: () => 500 })
  const nav = screen.getByRole('navigation', { name: 'Sessions' })
  fireEvent.click(await within(nav).findByRole('button', { name: 'Long talk' }))
  await screen.findByText('Message 120')
  return { ...app, conversation }
}

describe('conversation of a long session', () => {
  it('opens at the latest messages and loads earlier ones near the top without a jump', async () => {
    const { core, conversation } = await openLongSession()
    expect(screen.queryByText('Message 100')).toBeNull()
    expect(conversation.scrollTop).toBe(2000)
    expect(core.callsTo('sessions:olderMessages')).toEqual([])

    // Reading "Message 103", 250 px from the top: earlier messages go in above it.
    conversation.scrollTop = 250
    fireEvent.scroll(conversation)
    await screen.findByText('Message 81')
    expect(core.callsTo('sessions:olderMessages')).toEqual([
      { id: 'long', beforeId: 'm101', limit: 20 },
    ])
    expect(conversation.scrollTop).toBe(4000 - (2000 - 250))

    // Far from the top, scrolling asks for nothing more.
    fireEvent.scroll(conversation)
    expect(core.callsTo('sessions:olderMessages')).toHaveLength(1)
  })

  it('loads earlier messages from a button too, until there are none', async () => {
    const { conversation } = await openLongSession()
    fireEvent.click(screen.getByRole('button', { name: 'Load earlier messages' }))
    await screen.findByText('Message 81')
    const fromBottom = conversation.scrollHeight - conversation.scrollTop
    for (const first of [61, 41, 21, 1]) {
      fireEvent.click(screen.getByRole('button', { name: 'Load earlier messages' }))
      await screen.findByText(`Message ${first}`)
    }
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: 'Load earlier messages' })).toBeNull(),
    )
    expect(conversation.scrollHeight - conversation.scrollTop).toBe(fromBottom)
    expect(screen.getAllByRole('article')).toHaveLength(120)
  })
})
