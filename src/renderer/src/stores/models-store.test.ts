import { describe, expect, it } from 'vitest'
import type { Model } from '../../../shared/contract.ts'
import { AppFailure } from '../../../shared/errors.ts'
import { lockedModel, pickerCatalog, restrictedModel } from '../features/models/testing-models.ts'
import { createFakeCore, testCatalog, testModels } from '../testing/fake-core.ts'
import {
  createModelsStore,
  pickInitialModel,
  selectCanSeeImages,
  selectPickedModel,
  selectUnusableFollowed,
} from './models-store.ts'

const notReady = (model: Model): Model => ({
  ...model,
  availability: { state: 'needs_enable' },
})

describe('pickInitialModel', () => {
  it('prefers the remembered model, then the chat default, then the first', () => {
    expect(pickInitialModel(testModels, 'claude-sonnet-4')).toBe('claude-sonnet-4')
    expect(pickInitialModel(testModels, 'retired')).toBe('gpt-4o')
    const noDefault = testModels.map((m) => ({ ...m, isChatDefault: false }))
    expect(pickInitialModel(noDefault.slice(1), null)).toBe('claude-sonnet-4')
    expect(pickInitialModel([], null)).toBeNull()
  })

  it('passes over models that cannot be used yet', () => {
    const [gpt, claude, gemini] = testModels as [Model, Model, Model]
    expect(pickInitialModel([gpt, notReady(claude), gemini], 'claude-sonnet-4')).toBe('gpt-4o')
    expect(pickInitialModel([restrictedModel, notReady(gpt), gemini], null)).toBe('gemini-2.5-pro')
    expect(pickInitialModel([restrictedModel, lockedModel], null)).toBeNull()
  })
})

describe('models store', () => {
  it('loads the models, the picks, favourites and recent models', async () => {
    const core = createFakeCore({
      'models:list': () =>
        testCatalog({
          selectedId: 'gemini-2.5-pro',
          smallModelId: 'gpt-4o',
          favouriteIds: ['claude-sonnet-4'],
          recentIds: ['gpt-4o'],
        }),
    })
    const store = createModelsStore(core.client)
    await store.getState().load()
    expect(store.getState()).toMatchObject({
      status: 'ready',
      selectedId: 'gemini-2.5-pro',
      smallModelId: 'gpt-4o',
      favouriteIds: ['claude-sonnet-4'],
      recentIds: ['gpt-4o'],
    })
  })

  it('remembers a pick through models:select, and refuses one that cannot be used', async () => {
    const core = createFakeCore({ 'models:list': () => pickerCatalog() })
    const store = createModelsStore(core.client)
    await store.getState().load()
    await store.getState().select('claude-sonnet-4')
    await store.getState().select(restrictedModel.id)
    await store.getState().select(lockedModel.id)
    expect(store.getState().selectedId).toBe('claude-sonnet-4')
    expect(core.callsTo('models:select')).toEqual([{ modelId: 'claude-sonnet-4' }])
  })

  it('follows a session model only when the account can use it, and says when not', async () => {
    const core = createFakeCore({ 'models:list': () => pickerCatalog() })
    const store = createModelsStore(core.client)
    await store.getState().load()
    const unusable = (sessionId: string) => selectUnusableFollowed(store.getState(), sessionId)
    store.getState().follow('s1', 'gone')
    expect(unusable('s1')).toEqual({ id: 'gone', name: 'gone' })
    store.getState().follow('s2', lockedModel.id)
    expect(store.getState().selectedId).toBe('gpt-4o')
    expect(unusable('s2')).toEqual({ id: lockedModel.id, name: lockedModel.name })
    // Only for the session it was followed for.
    expect(unusable('s1')).toBeNull()
    store.getState().follow('s3', 'claude-sonnet-4')
    expect(store.getState().selectedId).toBe('claude-sonnet-4')
    expect(unusable('s3')).toBeNull()
    expect(core.callsTo('models:select')).toEqual([])
    // A model picked by hand is the conversation's from then on.
    store.getState().follow('s1', 'gone')
    await store.getState().select('gpt-4o')
    expect(unusable('s1')).toBeNull()
  })

  it('follows a session opened before the list came in, once it is in', async () => {
    const core = createFakeCore({ 'models:list': () => pickerCatalog() })
    const store = createModelsStore(core.client)
    store.getState().follow('s1', 'claude-sonnet-4')
    expect(selectUnusableFollowed(store.getState(), 's1')).toBeNull()
    await store.getState().load()
    expect(store.getState().selectedId).toBe('claude-sonnet-4')
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

  it('stars at once and takes the star back when the core cannot keep it', async () => {
    let refuse = false
    const core = createFakeCore({
      'models:favourite': () => {
        if (refuse) throw new AppFailure({ kind: 'internal', message: 'Disk full.' })
      },
    })
    const store = createModelsStore(core.client)
    await store.getState().load()
    const starring = store.getState().toggleFavourite('gpt-4o')
    expect(store.getState().favouriteIds).toEqual(['gpt-4o'])
    await starring
    refuse = true
    await store.getState().toggleFavourite('gpt-4o')
    expect(store.getState()).toMatchObject({
      favouriteIds: ['gpt-4o'],
      actionError: { message: 'Disk full.' },
    })
    expect(core.callsTo('models:favourite')).toEqual([
      { modelId: 'gpt-4o', favourite: true },
      { modelId: 'gpt-4o', favourite: false },
    ])
  })

  it('enables a model, then picks it', async () => {
    const core = createFakeCore({
      'models:list': () => pickerCatalog(),
      'models:enable': () => ({ ...lockedModel, availability: { state: 'ready' } }),
    })
    const store = createModelsStore(core.client)
    await store.getState().load()
    const enabling = store.getState().enable(lockedModel.id)
    expect(store.getState().enablingId).toBe(lockedModel.id)
    expect(await enabling).toBe(true)
    expect(store.getState()).toMatchObject({ selectedId: lockedModel.id, enablingId: null })
    expect(selectPickedModel(store.getState())?.availability).toEqual({ state: 'ready' })
    expect(core.callsTo('models:select')).toEqual([{ modelId: lockedModel.id }])
  })

  it('says so when Copilot has not enabled the model yet, or refused', async () => {
    let answer: () => Model = () => lockedModel
    const core = createFakeCore({
      'models:list': () => pickerCatalog(),
      'models:enable': () => answer(),
    })
    const store = createModelsStore(core.client)
    await store.getState().load()
    expect(await store.getState().enable(lockedModel.id)).toBe(false)
    expect(store.getState().actionError?.message).toBe(
      'Copilot has not enabled Claude Opus 4.6 yet. Try again in a moment.',
    )
    answer = () => {
      throw new AppFailure({ kind: 'upstream', status: 500, message: 'Copilot had a problem.' })
    }
    expect(await store.getState().enable(lockedModel.id)).toBe(false)
    expect(store.getState()).toMatchObject({
      selectedId: 'gpt-4o',
      enablingId: null,
      actionError: { message: 'Copilot had a problem.' },
    })
    expect(core.callsTo('models:select')).toEqual([])
  })

  it('picks the small model, and goes back to the old one when it cannot be saved', async () => {
    let refuse = false
    const core = createFakeCore({
      'models:list': () => testCatalog({ smallModelId: 'gpt-4o' }),
      'models:selectSmall': () => {
        if (refuse) throw new AppFailure({ kind: 'internal', message: 'Not saved.' })
      },
    })
    const store = createModelsStore(core.client)
    await store.getState().load()
    await store.getState().selectSmall('gemini-2.5-pro')
    expect(store.getState().smallModelId).toBe('gemini-2.5-pro')
    refuse = true
    await store.getState().selectSmall('claude-sonnet-4')
    expect(store.getState()).toMatchObject({
      smallModelId: 'gemini-2.5-pro',
      actionError: { message: 'Not saved.' },
    })
  })

  it('puts a model used to send first in the recent list, five at most', async () => {
    const core = createFakeCore({ 'models:list': () => testCatalog({ recentIds: ['a', 'b'] }) })
    const store = createModelsStore(core.client)
    await store.getState().load()
    for (const id of ['c', 'd', 'e', 'b', 'f']) store.getState().noteUsed(id)
    expect(store.getState().recentIds).toEqual(['f', 'b', 'e', 'd', 'c'])
  })

  it('tells the composer whether the picked model sees images', async () => {
    const core = createFakeCore()
    const store = createModelsStore(core.client)
    expect(selectCanSeeImages(store.getState())).toBe(false)
    await store.getState().load()
    expect(selectCanSeeImages(store.getState())).toBe(true)
    await store.getState().select('gemini-2.5-pro')
    expect(selectCanSeeImages(store.getState())).toBe(false)
  })

  it('forgets everything on reset, and a late answer does not bring it back', async () => {
    const core = createFakeCore({ 'models:list': () => testCatalog({ favouriteIds: ['gpt-4o'] }) })
    const store = createModelsStore(core.client)
    const loading = store.getState().load()
    store.getState().reset()
    await loading
    expect(store.getState()).toMatchObject({ status: 'idle', models: [], favouriteIds: [] })
  })
})
