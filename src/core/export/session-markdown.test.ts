import { describe, expect, it } from 'vitest'
import type { Session } from '../../shared/contract.ts'
import { exportFileName, sessionMarkdown } from './session-markdown.ts'

const session: Session = {
  id: 's1',
  title: 'Rust lifetimes',
  modelId: 'claude-sonnet-4.5',
  createdAt: Date.UTC(2026, 10, 21, 9, 0),
  updatedAt: Date.UTC(2026, 10, 21, 9, 5),
  pinned: false,
  systemPrompt: 'Be brief.',
  hasOlder: false,
  messages: [
    {
      id: 'm1',
      sessionId: 's1',
      role: 'user',
      content: 'Explain `lifetimes`',
      status: 'complete',
      createdAt: 1,
      images: [{ mediaType: 'image/png', base64: 'iVBORw0KGgo=' }],
    },
    {
      id: 'm2',
      sessionId: 's1',
      role: 'assistant',
      content: 'A **lifetime** is a scope.',
      status: 'failed',
      modelId: 'claude-sonnet-4.5',
      error: { kind: 'network', message: 'The connection dropped.' },
      createdAt: 2,
    },
  ],
}

describe('Markdown export', () => {
  it('writes the title, times, system prompt and every turn as written', () => {
    expect(
      sessionMarkdown(session, (id) =>
        id === 'claude-sonnet-4.5' ? 'Claude Sonnet 4.5' : undefined,
      ),
    ).toBe(
      [
        '# Rust lifetimes',
        '_2026-11-21 09:00 UTC · last message 2026-11-21 09:05 UTC_',
        '> **System prompt:** Be brief.',
        '## You',
        '_1 image(s) attached_',
        'Explain `lifetimes`',
        '## Copilot (Claude Sonnet 4.5)',
        'A **lifetime** is a scope.',
        '_Failed: The connection dropped._',
      ].join('\n\n') + '\n',
    )
  })

  it('names the file after the title, safely', () => {
    expect(exportFileName('Rust lifetimes: a/b?', 'md')).toBe('rust-lifetimes-a-b.md')
    expect(exportFileName('Café crème', 'json')).toBe('cafe-creme.json')
    expect(exportFileName('???', 'md')).toBe('conversation.md')
  })
})
