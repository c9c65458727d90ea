import { describe, expect, it } from 'vitest'
import { AppFailure } from '../../../shared/errors.ts'
import { createFakeCore, testModels } from '../testing/fake-core.ts'
import { createModelsStore, pickInitialModel } from './models-store.ts'

describe('pickInitialModel', () => {
  it('prefers the remembered model, then the chat default, then the first', () => {
    expect(pickInitialModel(testModels, 'claude-sonnet-4')).toBe('claude-sonnet-4')
    expect(pickInitialModel(testModels, 'retired')).toBe('gpt-4o')
    const noDefault = testModels.map((m) => ({ ...m, isChatDefault: false }))
    expect(pickInitialModel(noDefault.slice(1), null)).toBe('claude-sonnet-4')
    expect(pickInitialModel([], null)).toBeNull()
  })
})

describe('models store', () => {
  it('loads the models and picks one', async () => {
    const core = createFakeCore({
      'models:list': () => ({ models: testModels, selectedId: 'gemini-2.5-pro' }),
    })
    const store = createModelsStore(core.client)
    await store.getState().load()
    expect(store.getState()).toMatchObject({ status: 'ready', selectedId: 'gemini-2.5-pro' })
  })

  it('remembers a pick through models:select', async () => {
    const core = createFakeCore()
    const store = createModelsStore(core.client)
    await store.getState().load()
    await store.getState().select('claude-sonnet-4')
    expect(store.getState().selectedId).toBe('claude-sonnet-4')
    expect(core.callsTo('models:select')).toEqual([{ modelId: 'claude-sonnet-4' }])
  })

  it('follows a session model only when the account has it', async () => {
    const core = createFakeCore()
    const store = createModelsStore(core.client)
    await store.getState().load()
    store.getState().follow('gone')
    expect(store.getState().selectedId).toBe('gpt-4o')
    store.getState().follow('claude-sonnet-4')
    expect(store.getState().selectedId).toBe('claude-sonnet-4')
    expect(core.callsTo('models:select')).toEqual([])
  })

  it('reports a failed load', async () => {
    const core = createFakeCore({
      'models:list': () => {
        throw new AppFailure({ kind: 'network', message: 'Could not reach Copilot.' })
      },
    })
    const store = createModelsStore(core.client)
    await store.getState().load()
    expect(store.getState()).toMatchObject({
      status: 'failed',
      loadError: { message: 'Could not reach Copilot.' },
    })
  })
})
