import { describe, expect, it } from 'vitest'
import { channelNames, eventNames } from './channel-names.ts'
import { channels, events } from './contract.ts'

describe('the contract, built on first use', () => {
  it('lists every channel and event by name, as the preload allow-list does', () => {
    expect(Object.keys(channels).sort()).toEqual([...channelNames].sort())
    expect(Object.keys(events).sort()).toEqual([...eventNames].sort())
  })

  it('builds a channel once: every read returns the same schemas', () => {
    const first = channels['sessions:listPage']
    expect(channels['sessions:listPage']).toBe(first)
    expect(events['chat:done']).toBe(events['chat:done'])
  })

  it('checks answers through its lazy schemas as strictly as before', () => {
    const page = channels['sessions:listPage'].output
    expect(page.safeParse({ sessions: [], next: null, total: 0 }).success).toBe(true)
    expect(page.safeParse({ sessions: [{ id: 's1' }], next: null, total: 1 }).success).toBe(false)
    expect(page.safeParse({ sessions: [], next: null, total: -1 }).success).toBe(false)
    const settings = channels['settings:update'].input
    expect(settings.safeParse({}).success).toBe(true)
    expect(settings.safeParse({ defaultSystemPrompt: 'x'.repeat(20_001) }).success).toBe(false)
  })
})
