import { expect, type Locator, type Page } from '@playwright/test'

/** The header's Model button; its name says which model is picked ("Model: GPT-4.1"). */
export function modelButton(page: Page): Locator {
  return page.getByRole('button', { name: /^Model: / })
}

/** The open model list: its filter box and its options. */
export function modelList(page: Page) {
  const dialog = page.getByRole('dialog', { name: 'Choose a model' })
  return {
    dialog,
    filter: dialog.getByRole('combobox', { name: 'Filter models' }),
    listbox: dialog.getByRole('listbox', { name: 'Models' }),
    /** A model's option; a favourite or recent model is listed twice, so this is the first. */
    option: (name: string) => dialog.getByRole('option', { name, exact: true }).first(),
  }
}

/** Opens the model list with a click, as a person would. */
export async function openModelList(page: Page) {
  await modelButton(page).click()
  const list = modelList(page)
  await expect(list.filter).toBeFocused()
  return list
}

/** Picks a model as a person would: open the list, filter by name, click it. */
export async function pickModel(page: Page, name: string) {
  const list = await openModelList(page)
  await list.filter.fill(name)
  await list.option(name).click()
  await expect(list.dialog).toHaveCount(0)
  await expect(page.getByRole('button', { name: `Model: ${name}`, exact: true })).toBeVisible()
}
