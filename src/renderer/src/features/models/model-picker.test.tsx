import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { AppFailure } from '../../../../shared/errors.ts'
import type { Handlers } from '../../../../shared/rpc.ts'
import { createAppStores, type AppStores } from '../../stores/app-stores.ts'
import { StoresContext } from '../../stores/context.ts'
import { createFakeCore } from '../../testing/fake-core.ts'
import { ModelPicker } from './model-picker.tsx'
import { SmallModelSelect } from './small-model-select.tsx'
import { lockedModel, pickerCatalog } from './testing-models.ts'

let stores: AppStores | undefined
afterEach(() => {
  cleanup()
  stores?.dispose()
})

async function renderPicker(overrides: Partial<Handlers> = {}) {
  const core = createFakeCore({ 'models:list': () => pickerCatalog(), ...overrides })
  stores = createAppStores(core.client)
  render(
    <StoresContext.Provider value={stores}>
      <ModelPicker />
      <SmallModelSelect />
    </StoresContext.Provider>,
  )
  await act(() => stores!.models.getState().load())
  return { core, stores }
}

const modelButton = () => screen.getByRole('button', { name: /^Model: / })
const filterBox = () => screen.getByRole<HTMLInputElement>('combobox', { name: 'Filter models' })
const listbox = () => screen.getByRole('listbox', { name: 'Models' })
const groups = () => within(listbox()).getAllByRole('group')
const option = (name: string) => within(listbox()).getAllByRole('option', { name })[0]!
const optionNames = (container: HTMLElement = listbox()) =>
  within(container)
    .getAllByRole('option')
    .map((o) => o.querySelector('.model-option-name')?.textContent)
const activeOptionName = () => {
  const id = filterBox().getAttribute('aria-activedescendant')
  const active = id ? document.getElementById(id) : null
  return active?.querySelector('.model-option-name')?.textContent ?? null
}
const key = (name: string) => fireEvent.keyDown(filterBox(), { key: name })

async function openPicker() {
  fireEvent.click(modelButton())
  return screen.findByRole('dialog', { name: 'Choose a model' })
}

describe('model picker', () => {
  it('names the picked model on its button and says what it supports and costs', async () => {
    await renderPicker()
    expect(modelButton().getAttribute('aria-label')).toBe('Model: GPT-4o')
    expect(modelButton().getAttribute('aria-expanded')).toBe('false')
    expect(screen.getByText('OpenAI · Vision · Tools · 128K context · 0× · included')).toBeTruthy()
  })

  it('lists favourites, recently used, then one group per vendor', async () => {
    await renderPicker({
      'models:list': () =>
        pickerCatalog({
          favouriteIds: ['gemini-2.5-pro'],
          recentIds: ['claude-sonnet-4', 'gemini-2.5-pro'],
        }),
    })
    await openPicker()
    expect(modelButton().getAttribute('aria-expanded')).toBe('true')
    expect(document.activeElement).toBe(filterBox())
    expect(groups().map(groupName)).toEqual([
      'Favourites',
      'Recently used',
      'OpenAI',
      'Anthropic',
      'Google',
    ])
    expect(optionNames(within(listbox()).getByRole('group', { name: 'Favourites' }))).toEqual([
      'Gemini 2.5 Pro',
    ])
    // A favourite is not repeated under Recently used.
    expect(optionNames(within(listbox()).getByRole('group', { name: 'Recently used' }))).toEqual([
      'Claude Sonnet 4',
    ])
    expect(optionNames(within(listbox()).getByRole('group', { name: 'Anthropic' }))).toEqual([
      'Claude Sonnet 4',
      'Claude Opus 4.6',
    ])
    // The picked model is the selected option, and the list opens on it.
    expect(option('GPT-4o').getAttribute('aria-selected')).toBe('true')
    expect(option('Claude Sonnet 4').getAttribute('aria-selected')).toBe('false')
    expect(activeOptionName()).toBe('GPT-4o')
  })

  it('shows each model’s capabilities, context and price', async () => {
    await renderPicker()
    await openPicker()
    const gpt = option('GPT-4o')
    expect(within(gpt).getByRole('img', { name: 'Vision' })).toBeTruthy()
    expect(within(gpt).getByRole('img', { name: 'Tools' })).toBeTruthy()
    expect(within(gpt).queryByRole('img', { name: 'Reasoning' })).toBeNull()
    expect(gpt.textContent).toContain('128K context · 0× · included')

    const gemini = option('Gemini 2.5 Pro')
    expect(within(gemini).getByText('Preview')).toBeTruthy()
    expect(within(gemini).getByRole('img', { name: 'Reasoning' })).toBeTruthy()
    expect(gemini.textContent).toContain('1M context · 0.33×')

    const codex = option('GPT-5.3-Codex')
    expect(codex.textContent).toContain('400K context · 1× · $1.75 in · $14 out per 1M tokens')
  })

  it('filters as you type and picks with Up, Down and Enter', async () => {
    const { core } = await renderPicker()
    await openPicker()
    fireEvent.change(filterBox(), { target: { value: 'CLAUDE' } })
    expect(optionNames()).toEqual(['Claude Sonnet 4', 'Claude Opus 4.6'])
    expect(groups().map(groupName)).toEqual(['Anthropic'])
    expect(activeOptionName()).toBe('Claude Sonnet 4')
    key('ArrowDown')
    expect(activeOptionName()).toBe('Claude Opus 4.6')
    key('ArrowDown')
    expect(activeOptionName()).toBe('Claude Opus 4.6')
    key('ArrowUp')
    expect(activeOptionName()).toBe('Claude Sonnet 4')
    key('Enter')

    expect(screen.queryByRole('dialog')).toBeNull()
    expect(modelButton().getAttribute('aria-label')).toBe('Model: Claude Sonnet 4')
    expect(document.activeElement).toBe(modelButton())
    await waitFor(() =>
      expect(core.callsTo('models:select')).toEqual([{ modelId: 'claude-sonnet-4' }]),
    )
  })

  it('says when nothing matches the filter', async () => {
    await renderPicker()
    await openPicker()
    fireEvent.change(filterBox(), { target: { value: 'llama' } })
    expect(within(listbox()).queryAllByRole('option')).toEqual([])
    expect(screen.getByRole('status').textContent).toBe('No models match “llama”.')
    key('Enter')
    expect(screen.getByRole('dialog')).toBeTruthy()
  })

  it('opens from the keyboard: arrows open it, a typed letter starts the filter', async () => {
    await renderPicker()
    fireEvent.keyDown(modelButton(), { key: 'ArrowDown' })
    expect(screen.getByRole('dialog')).toBeTruthy()
    key('ArrowDown')
    expect(activeOptionName()).toBe('GPT-5.3-Codex')
    key('Escape')
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(document.activeElement).toBe(modelButton())

    fireEvent.keyDown(modelButton(), { key: 'g' })
    expect(filterBox().value).toBe('g')
    expect(document.activeElement).toBe(filterBox())
  })

  it('sends typing on a row button back to the filter', async () => {
    await renderPicker()
    await openPicker()
    const star = screen.getAllByRole('button', { name: 'Add GPT-4o to favourites' })[0]!
    star.focus()
    fireEvent.keyDown(star, { key: 'c' })
    expect(document.activeElement).toBe(filterBox())
  })

  it('puts only the active row’s buttons in the Tab order', async () => {
    await renderPicker()
    await openPicker()
    const star = (name: string) => screen.getByRole('button', { name: `Add ${name} to favourites` })
    expect(star('GPT-4o').tabIndex).toBe(0)
    expect(star('Claude Sonnet 4').tabIndex).toBe(-1)
    key('ArrowDown')
    expect(star('GPT-4o').tabIndex).toBe(-1)
    expect(star('GPT-5.3-Codex').tabIndex).toBe(0)
  })

  it('shows a model outside the plan disabled, with the reason, and does not pick it', async () => {
    const { core } = await renderPicker()
    await openPicker()
    const codex = option('GPT-5.3-Codex')
    expect(codex.getAttribute('aria-disabled')).toBe('true')
    expect(codex.textContent).toContain('Needs Copilot Pro+ or Business')
    fireEvent.click(codex)
    key('ArrowDown')
    expect(activeOptionName()).toBe('GPT-5.3-Codex')
    key('Enter')
    expect(screen.getByRole('dialog')).toBeTruthy()
    expect(modelButton().getAttribute('aria-label')).toBe('Model: GPT-4o')
    expect(core.callsTo('models:select')).toEqual([])
  })

  it('stars and unstars a model', async () => {
    const { core } = await renderPicker()
    await openPicker()
    fireEvent.click(screen.getByRole('button', { name: 'Add Claude Sonnet 4 to favourites' }))
    expect(optionNames(within(listbox()).getByRole('group', { name: 'Favourites' }))).toEqual([
      'Claude Sonnet 4',
    ])
    const remove = screen.getAllByRole('button', { name: 'Remove Claude Sonnet 4 from favourites' })
    expect(remove).toHaveLength(2)
    fireEvent.click(remove[0]!)
    expect(within(listbox()).queryByRole('group', { name: 'Favourites' })).toBeNull()
    await waitFor(() =>
      expect(core.callsTo('models:favourite')).toEqual([
        { modelId: 'claude-sonnet-4', favourite: true },
        { modelId: 'claude-sonnet-4', favourite: false },
      ]),
    )
    expect(screen.getByRole('dialog')).toBeTruthy()
  })

  it('takes a star back and says why when it cannot be remembered', async () => {
    await renderPicker({
      'models:favourite': () => {
        throw new AppFailure({ kind: 'internal', message: 'Could not save your favourites.' })
      },
    })
    await openPicker()
    fireEvent.click(screen.getByRole('button', { name: 'Add GPT-4o to favourites' }))
    expect((await screen.findByRole('alert')).textContent).toContain('Could not save')
    expect(within(listbox()).queryByRole('group', { name: 'Favourites' })).toBeNull()
    expect(screen.getByRole('button', { name: 'Add GPT-4o to favourites' })).toBeTruthy()
  })

  it('shows the terms of a model that needs enabling, enables it and picks it', async () => {
    const { core } = await renderPicker({
      'models:enable': () => ({ ...lockedModel, availability: { state: 'ready' } }),
    })
    await openPicker()
    expect(option('Claude Opus 4.6').textContent).toContain('Needs enabling')
    fireEvent.click(screen.getByRole('button', { name: 'Enable Claude Opus 4.6' }))

    const panel = screen.getByRole('group', { name: 'Enable Claude Opus 4.6' })
    // The terms are markdown, drawn once markdown-it has loaded.
    expect(await within(panel).findByText('Claude Opus 4.6', { selector: 'strong' })).toBeTruthy()
    const accept = within(panel).getByRole('button', { name: 'Accept and enable' })
    expect(document.activeElement).toBe(accept)
    fireEvent.click(accept)

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(core.callsTo('models:enable')).toEqual([{ modelId: 'claude-opus-4.6' }])
    await waitFor(() =>
      expect(core.callsTo('models:select')).toEqual([{ modelId: 'claude-opus-4.6' }]),
    )
    expect(modelButton().getAttribute('aria-label')).toBe('Model: Claude Opus 4.6')
    expect(document.activeElement).toBe(modelButton())
  })

  it('opens the terms with Enter, and Cancel goes back to the list', async () => {
    const { core } = await renderPicker()
    await openPicker()
    fireEvent.change(filterBox(), { target: { value: 'opus' } })
    key('Enter')
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(document.activeElement).toBe(filterBox())
    expect(filterBox().value).toBe('opus')
    expect(core.callsTo('models:enable')).toEqual([])
  })

  it('keeps the terms open with the reason when enabling fails', async () => {
    const { core } = await renderPicker({
      'models:enable': () => {
        throw new AppFailure({
          kind: 'no_copilot_access',
          message: 'Your organization does not allow this model.',
        })
      },
    })
    await openPicker()
    fireEvent.click(screen.getByRole('button', { name: 'Enable Claude Opus 4.6' }))
    fireEvent.click(screen.getByRole('button', { name: 'Accept and enable' }))
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Your organization does not allow this model.',
    )
    expect(screen.getByRole('group', { name: 'Enable Claude Opus 4.6' })).toBeTruthy()
    expect(core.callsTo('models:select')).toEqual([])
    expect(modelButton().getAttribute('aria-label')).toBe('Model: GPT-4o')
  })

  it('closes on a click outside without taking focus', async () => {
    await renderPicker()
    await openPicker()
    fireEvent.pointerDown(document.body)
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(modelButton().getAttribute('aria-expanded')).toBe('false')
  })
})

describe('model for titles', () => {
  const select = () => screen.getByRole<HTMLSelectElement>('combobox', { name: 'Model for titles' })

  it('offers the usable models and remembers the choice', async () => {
    const { core, stores } = await renderPicker({
      'models:list': () => pickerCatalog({ smallModelId: 'gpt-4o' }),
    })
    expect(select().value).toBe('gpt-4o')
    const offered = within(select())
      .getAllByRole('option')
      .map((o) => (o as HTMLOptionElement).value)
    expect(offered).toEqual(['gpt-4o', 'claude-sonnet-4', 'gemini-2.5-pro'])
    fireEvent.change(select(), { target: { value: 'gemini-2.5-pro' } })
    await waitFor(() =>
      expect(core.callsTo('models:selectSmall')).toEqual([{ modelId: 'gemini-2.5-pro' }]),
    )
    expect(stores.models.getState().smallModelId).toBe('gemini-2.5-pro')
  })

  it('asks for a choice when none is set', async () => {
    await renderPicker()
    expect(select().value).toBe('')
    expect(within(select()).getByRole('option', { name: 'Choose a model' })).toBeTruthy()
  })
})

function groupName(group: HTMLElement): string {
  const id = group.getAttribute('aria-labelledby') ?? ''
  return document.getElementById(id)?.textContent ?? ''
}
