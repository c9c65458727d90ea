import { describe, expect, it } from 'vitest'
import { readFrame } from './frames.ts'

describe('readFrame', () => {
  it('reads each kind of frame, keeping only its own fields', () => {
    expect(
      readFrame({ type: 'request', id: 1, channel: 'auth:get', input: { a: 1 }, extra: true }),
    ).toEqual({ type: 'request', id: 1, channel: 'auth:get', input: { a: 1 } })
    expect(readFrame({ type: 'response', id: 2, result: { ok: true }, extra: true })).toEqual({
      type: 'response',
      id: 2,
      result: { ok: true },
    })
    expect(readFrame({ type: 'event', event: 'sessions:changed', payload: {} })).toEqual({
      type: 'event',
      event: 'sessions:changed',
      payload: {},
    })
  })

  it('reads a request whose input JSON dropped', () => {
    expect(readFrame({ type: 'request', id: 3, channel: 'auth:get' })).toMatchObject({
      type: 'request',
      id: 3,
      channel: 'auth:get',
    })
  })

  it.each([
    null,
    'request',
    [],
    { type: 'nonsense', id: 1 },
    { type: 'request', id: 1.5, channel: 'auth:get' },
    { type: 'request', id: '1', channel: 'auth:get' },
    { type: 'request', id: 1 },
    { type: 'request', id: 1, channel: 7 },
    { type: 'response', result: { ok: true } },
    { type: 'event', payload: {} },
  ])('refuses %j', (value) => {
    expect(readFrame(value)).toBeNull()
  })
})
