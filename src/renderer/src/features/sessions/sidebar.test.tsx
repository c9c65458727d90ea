import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { SessionSummary } from '../../../../shared/contract.ts'
import { AppFailure } from '../../../../shared/errors.ts'
import type { Handlers } from '../../../../shared/rpc.ts'
import { pageOf } from '../../testing/fake-core.ts'
import { renderApp } from '../../testing/render-app.tsx'
import { firstPageSize } from '../../stores/sessions-store.ts'

afterEach(() => {
  cleanup()
  vi.useRealTimers()
  vi.restoreAllMocks()
})

const hour = 60 * 60 * 1000
const startOfToday = new Date().setHours(0, 0, 0, 0)

const summary = (id: string, title: string, updatedAt: number, pinned = false): SessionSummary => ({
  id,
  title,
  modelId: 'gpt-4o',
  createdAt: updatedAt,
  updatedAt,
  pinned,
})

const threeSessions = [
  summary('s3', 'Rust lifetimes', startOfToday + 60_000),
  summary('s2', 'Bash loops', startOfToday - hour),
  summary('s1', 'Regex help', startOfToday - 30 * 24 * hour),
]

/** The app with `list` in the sidebar, once it is on screen (every page of it, unless `firstOnly`). */
async function withSessions(
  list: SessionSummary[],
  overrides: Partial<Handlers> = {},
  { firstOnly = false } = {},
) {
  let current = list
  const app = await renderApp(overrides, { sessions: () => current })
  const nav = screen.getByRole('navigation', { name: 'Sessions' })
  const first = list.find((s) => s.pinned) ?? list[0]
  if (first) await within(nav).findByRole('button', { name: first.title })
  if (!firstOnly) await waitFor(() => expect(app.stores.sessions.getState().hasMore).toBe(false))
  const change = (next: SessionSummary[]) => {
    current = next
    act(() => app.core.hub.emit('sessions:changed', {}))
  }
  return { ...app, nav, change }
}

const sessionButton = (nav: HTMLElement, title: string) =>
  within(nav).getByRole('button', { name: title })

/** The sessions in list order, by the name of each row's own button. */
const listed = (nav: HTMLElement) =>
  within(nav)
    .getAllByRole('listitem')
    .map((item) => within(item).getAllByRole('button')[0]?.textContent)

/** Focuses a session the way Tab or a click would, which shows its "More actions". */
function focusSession(nav: HTMLElement, title: string) {
  const button = sessionButton(nav, title)
  act(() => button.focus())
  return button
}

async function chooseAction(nav: HTMLElement, title: string, action: string) {
  focusSession(nav, title)
  fireEvent.click(within(nav).getByRole('button', { name: 'More actions' }))
  const menu = within(nav).getByRole('menu', { name: `Actions for ${title}` })
  expect(document.activeElement).toBe(within(menu).getAllByRole('menuitem')[0])
  fireEvent.click(within(menu).getByRole('menuitem', { name: action }))
}

describe('sidebar sessions', () => {
  it('groups sessions by date with pinned ones on top', async () => {
    const { nav } = await withSessions([
      ...threeSessions,
      summary('s0', 'Old but pinned', new Date(2024, 9, 15).getTime(), true),
      summary('s4', 'Three days ago', startOfToday - 3 * 24 * hour + hour),
      summary('s5', 'Long ago', new Date(2024, 9, 15).getTime()),
    ])
    const headings = within(nav).getAllByRole('heading', { level: 2 })
    expect(headings.map((h) => h.textContent)).toEqual([
      'Pinned',
      'Today',
      'Yesterday',
      'Previous 7 days',
      expect.stringMatching(/ \d{4}$/),
      'October 2024',
    ])
    const items = within(nav).getAllByRole('listitem')
    expect(listed(nav)).toEqual([
      'Old but pinned',
      'Rust lifetimes',
      'Bash loops',
      'Three days ago',
      'Regex help',
      'Long ago',
    ])
    expect(items[0]?.getAttribute('aria-setsize')).toBe('6')
    expect(items[5]?.getAttribute('aria-posinset')).toBe('6')
  })

  it('offers Rename, Pin, Export and Delete for the focused session only', async () => {
    const { nav } = await withSessions(threeSessions)
    expect(within(nav).queryByRole('button', { name: 'More actions' })).toBeNull()
    focusSession(nav, 'Bash loops')
    const more = within(nav).getByRole('button', { name: 'More actions' })
    expect(more.getAttribute('aria-describedby')).toBe(sessionButton(nav, 'Bash loops').id)
    fireEvent.keyDown(sessionButton(nav, 'Bash loops'), { key: 'F10', shiftKey: true })
    const menu = within(nav).getByRole('menu', { name: 'Actions for Bash loops' })
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((item) => item.textContent),
    ).toEqual(['Rename', 'Pin', 'Export', 'Delete'])
    fireEvent.keyDown(document.activeElement!, { key: 'End' })
    expect(document.activeElement?.textContent).toBe('Delete')
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' })
    expect(within(nav).queryByRole('menu')).toBeNull()
    expect(document.activeElement).toBe(within(nav).getByRole('button', { name: 'More actions' }))
  })

  it('pins from the menu and lists the session under Pinned', async () => {
    const { core, nav, change } = await withSessions(threeSessions)
    await chooseAction(nav, 'Regex help', 'Pin')
    await waitFor(() => expect(core.callsTo('sessions:pin')).toEqual([{ id: 's1', pinned: true }]))
    const headings = () =>
      within(nav)
        .getAllByRole('heading')
        .map((h) => h.textContent)
    expect(headings()[0]).toBe('Pinned')
    expect(listed(nav)[0]).toBe('Regex help')

    change(threeSessions.map((s) => (s.id === 's1' ? { ...s, pinned: true } : s)))
    await chooseAction(nav, 'Regex help', 'Unpin')
    await waitFor(() => expect(core.callsTo('sessions:pin')).toHaveLength(2))
    expect(headings()).not.toContain('Pinned')
  })

  it('renames in place: Enter saves, Escape cancels', async () => {
    const { core, nav } = await withSessions(threeSessions)
    fireEvent.keyDown(focusSession(nav, 'Bash loops'), { key: 'F2' })
    let box = within(nav).getByRole<HTMLInputElement>('textbox', { name: 'Rename Bash loops' })
    expect(document.activeElement).toBe(box)
    fireEvent.change(box, { target: { value: 'Shell loops' } })
    fireEvent.keyDown(box, { key: 'Escape' })
    expect(core.callsTo('sessions:rename')).toEqual([])
    expect(document.activeElement).toBe(sessionButton(nav, 'Bash loops'))

    await chooseAction(nav, 'Bash loops', 'Rename')
    box = within(nav).getByRole<HTMLInputElement>('textbox', { name: 'Rename Bash loops' })
    expect(box.value).toBe('Bash loops')
    fireEvent.change(box, { target: { value: '  Shell loops ' } })
    fireEvent.keyDown(box, { key: 'Enter' })
    expect(document.activeElement).toBe(sessionButton(nav, 'Shell loops'))
    await waitFor(() =>
      expect(core.callsTo('sessions:rename')).toEqual([{ id: 's2', title: 'Shell loops' }]),
    )
  })

  it('says why a rename failed and offers what was typed again', async () => {
    let full = true
    const { core, nav } = await withSessions(threeSessions, {
      'sessions:rename': () => {
        if (full) throw new AppFailure({ kind: 'internal', message: 'The disk is full.' })
      },
    })
    fireEvent.keyDown(focusSession(nav, 'Bash loops'), { key: 'F2' })
    const box = within(nav).getByRole('textbox', { name: 'Rename Bash loops' })
    fireEvent.change(box, { target: { value: 'Shell loops' } })
    fireEvent.keyDown(box, { key: 'Enter' })
    expect((await screen.findByRole('alert')).textContent).toBe('The disk is full.')
    // The title is the old one until a rename works; the box holds the typed one, focused.
    const again = await within(nav).findByRole<HTMLInputElement>('textbox', {
      name: 'Rename Bash loops',
    })
    expect(again.value).toBe('Shell loops')
    expect(document.activeElement).toBe(again)
    full = false
    fireEvent.keyDown(again, { key: 'Enter' })
    expect(await within(nav).findByRole('button', { name: 'Shell loops' })).toBeTruthy()
    expect(core.callsTo('sessions:rename')).toEqual([
      { id: 's2', title: 'Shell loops' },
      { id: 's2', title: 'Shell loops' },
    ])
  })

  it('does not reopen a failed rename once focus has moved on', async () => {
    const { nav } = await withSessions(threeSessions, {
      'sessions:rename': () =>
        new Promise((_, reject) =>
          setTimeout(() => reject(new AppFailure({ kind: 'internal', message: 'Full.' })), 20),
        ),
    })
    fireEvent.keyDown(focusSession(nav, 'Bash loops'), { key: 'F2' })
    const box = within(nav).getByRole('textbox', { name: 'Rename Bash loops' })
    fireEvent.change(box, { target: { value: 'Shell loops' } })
    fireEvent.keyDown(box, { key: 'Enter' })
    screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Message' }).focus()
    expect((await screen.findByRole('alert')).textContent).toBe('Full.')
    expect(within(nav).queryByRole('textbox', { name: 'Rename Bash loops' })).toBeNull()
  })

  it('deletes at once, offers Undo, and brings the session back', async () => {
    const { core, nav } = await withSessions(threeSessions)
    await chooseAction(nav, 'Bash loops', 'Delete')
    expect(within(nav).queryByRole('button', { name: 'Bash loops' })).toBeNull()
    const notice = await screen.findByText('Deleted “Bash loops”')
    await waitFor(() => expect(core.callsTo('sessions:delete')).toEqual([{ id: 's2' }]))

    fireEvent.click(within(notice.parentElement!).getByRole('button', { name: 'Undo' }))
    await waitFor(() => expect(core.callsTo('sessions:restore')).toEqual([{ id: 's2' }]))
    expect(screen.queryByText('Deleted “Bash loops”')).toBeNull()
    expect(document.activeElement).toBe(sessionButton(nav, 'Bash loops'))
  })

  it('deletes with the Delete key, focuses the next session, and closes an open one', async () => {
    const { core, nav } = await withSessions(threeSessions)
    fireEvent.click(sessionButton(nav, 'Bash loops'))
    await screen.findByRole('heading', { level: 1, name: 'Bash loops' })
    fireEvent.keyDown(focusSession(nav, 'Bash loops'), { key: 'Delete' })
    expect(document.activeElement).toBe(sessionButton(nav, 'Regex help'))
    expect(screen.getByRole('heading', { level: 1, name: 'New chat' })).toBeTruthy()
    await waitFor(() => expect(core.callsTo('sessions:delete')).toEqual([{ id: 's2' }]))

    // Undo opens it again, with focus on its row.
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }))
    await screen.findByRole('heading', { level: 1, name: 'Bash loops' })
    expect(document.activeElement).toBe(sessionButton(nav, 'Bash loops'))
  })

  it('does not reopen on Undo once the new chat that replaced it was used', async () => {
    const { core, nav } = await withSessions(threeSessions)
    fireEvent.click(sessionButton(nav, 'Bash loops'))
    await screen.findByRole('heading', { level: 1, name: 'Bash loops' })
    fireEvent.keyDown(focusSession(nav, 'Bash loops'), { key: 'Delete' })
    fireEvent.click(sessionButton(nav, 'Regex help'))
    await screen.findByRole('heading', { level: 1, name: 'Regex help' })
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }))
    await waitFor(() => expect(core.callsTo('sessions:restore')).toEqual([{ id: 's2' }]))
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)))
    expect(screen.getByRole('heading', { level: 1, name: 'Regex help' })).toBeTruthy()
  })

  it('stops offering Undo after 8 seconds', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    const { nav } = await withSessions(threeSessions)
    fireEvent.keyDown(focusSession(nav, 'Regex help'), { key: 'Delete' })
    expect(screen.getByText('Deleted “Regex help”')).toBeTruthy()
    act(() => vi.advanceTimersByTime(7000))
    expect(screen.getByRole('button', { name: 'Undo' })).toBeTruthy()
    act(() => vi.advanceTimersByTime(1500))
    expect(screen.queryByText('Deleted “Regex help”')).toBeNull()
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull()
  })

  it('exports a session as JSON and downloads the file', async () => {
    const createUrl = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:export')
    const revokeUrl = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {})
    const downloads: Array<{ name: string; href: string }> = []
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      downloads.push({ name: this.download, href: this.href })
    })
    const { core, nav } = await withSessions(threeSessions, {
      'sessions:export': ({ format }) => ({
        fileName: `bash-loops.${format === 'json' ? 'json' : 'md'}`,
        mediaType: 'application/json',
        content: '{"title":"Bash loops"}',
      }),
    })
    await chooseAction(nav, 'Bash loops', 'Export')
    const formats = within(nav).getByRole('menu', { name: 'Export as' })
    expect(
      within(formats)
        .getAllByRole('menuitem')
        .map((item) => item.textContent),
    ).toEqual(['Markdown', 'JSON'])
    expect(document.activeElement?.textContent).toBe('Markdown')
    fireEvent.click(within(formats).getByRole('menuitem', { name: 'JSON' }))

    await waitFor(() =>
      expect(downloads).toEqual([{ name: 'bash-loops.json', href: 'blob:export' }]),
    )
    expect(core.callsTo('sessions:export')).toEqual([{ id: 's2', format: 'json' }])
    const blob = createUrl.mock.calls[0]?.[0] as Blob
    expect(await blob.text()).toBe('{"title":"Bash loops"}')
    await waitFor(() => expect(revokeUrl).toHaveBeenCalledWith('blob:export'))
    expect(document.querySelector('a[download]')).toBeNull()
  })

  it('exports everything and imports a file, saying what came in', async () => {
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:all')
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {})
    const downloaded: string[] = []
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      downloaded.push(this.download)
    })
    const { core } = await withSessions(threeSessions, {
      'sessions:import': ({ content }) => {
        if (content.includes('broken')) {
          throw new AppFailure({ kind: 'invalid_input', message: 'This is not a LogAI export.' })
        }
        return { imported: 3, skipped: 1 }
      },
    })
    fireEvent.click(screen.getByRole('button', { name: 'Export all' }))
    await waitFor(() => expect(downloaded).toEqual(['logai-sessions.json']))

    // The system's file picker: a click on a file input, answered with the chosen file.
    const pickers: HTMLInputElement[] = []
    vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(function (
      this: HTMLInputElement,
    ) {
      pickers.push(this)
    })
    const choose = (text: string) => {
      const picker = pickers.at(-1)!
      const file = new File([text], 'backup.json', { type: 'application/json' })
      Object.defineProperty(picker, 'files', { value: [file] })
      picker.dispatchEvent(new Event('change'))
    }
    fireEvent.click(screen.getByRole('button', { name: 'Import' }))
    expect(pickers[0]?.type).toBe('file')
    expect(pickers[0]?.accept).toContain('.json')
    choose('{"sessions":[]}')
    expect(await screen.findByText('Imported 3 sessions, skipped 1 already present')).toBeTruthy()
    expect(core.callsTo('sessions:import')).toEqual([{ content: '{"sessions":[]}' }])

    fireEvent.click(screen.getByRole('button', { name: 'Import' }))
    choose('broken')
    expect((await screen.findByRole('alert')).textContent).toBe('This is not a LogAI export.')
    expect(screen.queryByText('Imported 3 sessions, skipped 1 already present')).toBeNull()

    // An empty file is refused before asking the core; its error replaces the last one, and a
    // good import's counts do not stay beside it.
    fireEvent.click(screen.getByRole('button', { name: 'Import' }))
    choose('{"sessions":[]}')
    expect(await screen.findByText('Imported 3 sessions, skipped 1 already present')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Import' }))
    choose('  ')
    await waitFor(() =>
      expect(screen.getAllByRole('alert').map((alert) => alert.textContent)).toEqual([
        '“backup.json” is empty.',
      ]),
    )
    expect(screen.queryByText('Imported 3 sessions, skipped 1 already present')).toBeNull()
    expect(core.callsTo('sessions:import')).toHaveLength(3)
  })

  it('moves between sessions with the arrow keys, Home and End, with one Tab stop', async () => {
    const { nav } = await withSessions(threeSessions)
    const tabStops = () =>
      within(nav)
        .getAllByRole('button')
        .filter((b) => b.tabIndex === 0)
        .map((b) => b.getAttribute('aria-label') ?? b.textContent)
    expect(tabStops()).toEqual(['Rust lifetimes'])

    fireEvent.keyDown(focusSession(nav, 'Rust lifetimes'), { key: 'ArrowDown' })
    expect(document.activeElement).toBe(sessionButton(nav, 'Bash loops'))
    // The Regex help row is under its own heading; the heading is skipped.
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' })
    expect(document.activeElement).toBe(sessionButton(nav, 'Regex help'))
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' })
    expect(document.activeElement).toBe(sessionButton(nav, 'Regex help'))
    fireEvent.keyDown(document.activeElement!, { key: 'Home' })
    expect(document.activeElement).toBe(sessionButton(nav, 'Rust lifetimes'))
    fireEvent.keyDown(document.activeElement!, { key: 'End' })
    expect(document.activeElement).toBe(sessionButton(nav, 'Regex help'))
    expect(tabStops()).toEqual(['Regex help', 'More actions'])
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' })
    expect(document.activeElement).toBe(sessionButton(nav, 'Bash loops'))
  })

  it('keeps focus and scroll position when the list changes under them', async () => {
    const { nav, change } = await withSessions(threeSessions)
    focusSession(nav, 'Regex help')
    // The new chat's first words become its title, then a generated title replaces them.
    const fresh = summary('s9', 'How do I', startOfToday + 120_000)
    change([fresh, ...threeSessions])
    await within(nav).findByRole('button', { name: 'How do I' })
    change([{ ...fresh, title: 'Borrowing in Rust' }, ...threeSessions])
    await within(nav).findByRole('button', { name: 'Borrowing in Rust' })
    // Another session's answer moves it above the focused one.
    change([
      { ...threeSessions[2]!, updatedAt: startOfToday + 180_000 },
      { ...fresh, title: 'Borrowing in Rust' },
      ...threeSessions.slice(0, 2),
    ])
    await waitFor(() => expect(listed(nav)[0]).toBe('Regex help'))
    expect(document.activeElement).toBe(sessionButton(nav, 'Regex help'))
  })
})

describe('sidebar with 10,000 sessions', () => {
  const many = Array.from({ length: 10_000 }, (_, i) =>
    summary(`id${i}`, `Session ${i}`, startOfToday - i * hour),
  )
  const scrollTo = (scroller: HTMLElement, top: number) => {
    scroller.scrollTop = top
    fireEvent.scroll(scroller)
  }

  it('keeps fewer than 100 rows in the DOM while scrolling', async () => {
    const { nav } = await withSessions(many)
    const rowCount = () => nav.querySelectorAll('li').length
    expect(rowCount()).toBeGreaterThan(10)
    expect(rowCount()).toBeLessThanOrEqual(100)
    expect(within(nav).getAllByRole('listitem')[0]?.getAttribute('aria-setsize')).toBe('10000')

    const scroller = nav.querySelector<HTMLElement>('.session-scroller')!
    scrollTo(scroller, 150_000)
    await waitFor(() => expect(within(nav).queryByRole('button', { name: 'Session 1' })).toBeNull())
    const shown = within(nav)
      .getAllByRole('listitem')
      .map((item) => Number(item.getAttribute('aria-posinset')))
    // The first session holds the list's Tab stop, so it stays; the rest is the window.
    expect(shown[0]).toBe(1)
    expect(Math.min(...shown.slice(1))).toBeGreaterThan(3000)
    expect(rowCount()).toBeLessThanOrEqual(100)

    scrollTo(scroller, 0)
    fireEvent.keyDown(focusSession(nav, 'Session 0'), { key: 'End' })
    expect(document.activeElement).toBe(sessionButton(nav, 'Session 9999'))
    expect(rowCount()).toBeLessThanOrEqual(100)
  })

  it('shows the first page before the rest has come, counting the rest', async () => {
    let releaseRest: () => void = () => {}
    const rest = new Promise<void>((resolve) => (releaseRest = resolve))
    const { nav } = await withSessions(
      many,
      {
        'sessions:listPage': async (page) => {
          if (page.after !== undefined) await rest
          return pageOf(many, page)
        },
      },
      { firstOnly: true },
    )
    const rows = within(nav).getAllByRole('listitem')
    expect(rows.length).toBeLessThanOrEqual(100)
    expect(rows[0]?.getAttribute('aria-setsize')).toBe('10000')
    fireEvent.keyDown(focusSession(nav, 'Session 0'), { key: 'End' })
    expect(document.activeElement).toBe(sessionButton(nav, `Session ${firstPageSize - 1}`))

    act(() => releaseRest())
    await waitFor(() => {
      fireEvent.keyDown(document.activeElement!, { key: 'End' })
      expect(document.activeElement).toBe(sessionButton(nav, 'Session 9999'))
    })
  })

  it('keeps the rows in view when a session is added above them', async () => {
    const { nav, change } = await withSessions(many)
    const scroller = nav.querySelector<HTMLElement>('.session-scroller')!
    scrollTo(scroller, 34_000)
    await waitFor(() => expect(within(nav).queryByRole('button', { name: 'Session 1' })).toBeNull())
    change([summary('new', 'Brand new', startOfToday + 60_000), ...many])
    await waitFor(() => expect(scroller.scrollTop).toBe(34_034))
  })
})
