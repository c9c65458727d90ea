import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterEach, beforeEach, describe, expect, it, type TestContext } from 'vitest'
import { schemaVersion } from './migrations.ts'
import { oldImage, writeOldDatabase } from './testing/old-databases.ts'
import { createTempStores, rejection, say, type TempStores } from './testing/temp-store.ts'

let t: TempStores

beforeEach(() => {
  t = createTempStores()
})

afterEach(async () => {
  await t.dispose()
})

const files = () => readdirSync(t.dir).sort()

describe('migrations', () => {
  it.each([1, 2] as const)(
    'brings a version %i history up to date, keeping a backup of it first',
    async (version) => {
      writeOldDatabase(t.path, version)
      const { store, problem, persistent } = await t.open()
      expect(problem).toBeNull()
      expect(persistent).toBe(true)

      const listed = await store.listSessions()
      expect(listed.map((s) => [s.id, s.title, s.updatedAt, s.pinned])).toEqual([
        ['s-old', 'Sourdough starter', 5_000, false],
        ['s-older', 'Tax questions', 900, false],
      ])
      const session = await store.getSession('s-old')
      expect(session.messages.map((m) => [m.id, m.content, m.status])).toEqual([
        ['m1', 'How do I feed a sourdough starter?', 'complete'],
        ['m2', 'Feed it flour and water daily.', 'complete'],
        ['m3', 'And when it smells of acetone?', 'complete'],
        // It was streaming when the old LogAI stopped.
        ['m4', 'That means it is hungry: feed', 'interrupted'],
      ])
      const failed = (await store.getSession('s-older')).messages[1]
      expect(failed?.error).toEqual({ kind: 'network', message: 'LogAI could not reach GitHub.' })
      if (version === 2) {
        expect(session.systemPrompt).toBe('Answer like a baker.')
        expect(session.messages[0]?.images).toEqual([oldImage])
        expect(session.messages[1]).toMatchObject({
          reasoning: 'Starters get hungry.',
          usage: { promptTokens: 12, completionTokens: 7 },
        })
      }
      // What was there before is searchable, and new sessions work alongside.
      expect((await store.search('acetone')).map((hit) => hit.messageId)).toEqual(['m3'])
      const added = await store.createSession({
        title: 'New',
        modelId: 'm',
        now: 9_000,
        systemPrompt: '',
      })
      await say(store, added.id, 'user', 'Hello', 9_001)

      const backups = files().filter((name) => name.startsWith(`logai.db.backup-v${version}-`))
      expect(backups).toHaveLength(1)
      const backup = new DatabaseSync(join(t.dir, backups[0] as string), { readOnly: true })
      expect(backup.prepare('PRAGMA user_version').get()).toEqual({ user_version: version })
      expect(backup.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 6 })
      backup.close()

      // Opening an up-to-date history makes no further copies.
      await store.close()
      await t.open()
      expect(files().filter((name) => name.includes('backup'))).toEqual(backups)
    },
  )

  it('starts a new history at the current version without a backup', async () => {
    await t.open()
    const db = new DatabaseSync(t.path, { readOnly: true })
    expect(db.prepare('PRAGMA user_version').get()).toEqual({ user_version: schemaVersion })
    db.close()
    expect(files().some((name) => name.includes('backup'))).toBe(false)
  })
})

describe('a damaged history file', () => {
  it('is moved aside, never deleted, and LogAI starts a new history', async () => {
    const garbage = Buffer.from('this is not a database '.repeat(500))
    writeFileSync(t.path, garbage)
    const { store, problem, persistent } = await t.open()
    expect(persistent).toBe(true)
    const aside = files().find((name) => name.startsWith('logai.db.corrupt-'))
    expect(aside).toBeDefined()
    expect(problem).toContain(join(t.dir, aside as string))
    expect(problem).toMatch(/damaged.*new, empty history/)
    expect(readFileSync(join(t.dir, aside as string))).toEqual(garbage)

    const s = await store.createSession({ title: 'Fresh', modelId: 'm', now: 1, systemPrompt: '' })
    await say(store, s.id, 'user', 'Works again', 2)
    await store.close()
    const again = await t.open()
    expect(again.problem).toBeNull()
    expect((await again.store.listSessions()).map((x) => x.title)).toEqual(['Fresh'])
  })

  it('is checked in full at the next start once damage was seen while running', async () => {
    const first = await t.open()
    const s = await first.store.createSession({
      title: 'Soon damaged',
      modelId: 'm',
      now: 1,
      systemPrompt: '',
    })
    for (let i = 0; i < 200; i++) await say(first.store, s.id, 'user', `text ${i} `.repeat(50), i)
    await first.store.close()
    // Scribble over a page in the middle, past the schema, as a failing disk might; the header
    // and schema still read fine, so only a full check finds it.
    const bytes = readFileSync(t.path)
    const page = 4096
    const middle = Math.floor(bytes.length / page / 2) * page
    bytes.fill(0x5a, middle, middle + page)
    writeFileSync(t.path, bytes)
    writeFileSync(`${t.path}.needs-check`, 'SQLite reported this database as damaged.\n')

    const { problem } = await t.open()
    expect(problem).toMatch(/damaged/)
    expect(files().some((name) => name.startsWith('logai.db.corrupt-'))).toBe(true)
    expect(files()).not.toContain('logai.db.needs-check')
  })
})

describe('a history from a newer LogAI', () => {
  it('is refused with a message and left untouched; this run keeps history in memory', async () => {
    const db = new DatabaseSync(t.path)
    db.exec(`CREATE TABLE future (x); PRAGMA user_version = ${schemaVersion + 5};`)
    db.close()
    const before = readFileSync(t.path)
    const modified = statSync(t.path).mtimeMs

    const { store, problem, persistent } = await t.open()
    expect(persistent).toBe(false)
    expect(problem).toContain(t.path)
    expect(problem).toMatch(/newer version of LogAI.*untouched.*memory/)
    const s = await store.createSession({
      title: 'Meanwhile',
      modelId: 'm',
      now: 1,
      systemPrompt: '',
    })
    await say(store, s.id, 'user', 'still works', 2)
    expect(await store.listSessions()).toHaveLength(1)
    await store.close()

    expect(readFileSync(t.path)).toEqual(before)
    expect(statSync(t.path).mtimeMs).toBe(modified)
    expect(files().filter((name) => name.startsWith('logai.db'))).toEqual(['logai.db'])
  })
})

/**
 * Makes `dir` unwritable. Root ignores permission bits, so as root the folder gets the immutable
 * attribute instead (`chattr +i`, which stops root too); returns how to undo it, or null with the
 * reason when this machine cannot make a folder read-only.
 */
function makeReadOnly(dir: string): { undo(): void } | { skip: string } {
  const isRoot = process.getuid?.() === 0
  const run = (args: string[]) => spawnSync(args[0] as string, args.slice(1), { encoding: 'utf8' })
  const locked = isRoot ? run(['chattr', '+i', dir]) : run(['chmod', '555', dir])
  const undo = () => void (isRoot ? run(['chattr', '-i', dir]) : run(['chmod', '755', dir]))
  if (locked.status !== 0) {
    return { skip: `cannot make a folder read-only here: ${locked.stderr || locked.error}` }
  }
  try {
    writeFileSync(join(dir, 'probe'), 'x')
  } catch {
    return { undo }
  }
  undo()
  return { skip: 'this file system lets this user write into a read-only folder' }
}

describe('a read-only folder', () => {
  async function withReadOnlyFolder(ctx: TestContext, work: () => Promise<void>) {
    const lock = makeReadOnly(t.dir)
    if ('skip' in lock) return ctx.skip(lock.skip)
    try {
      await work()
    } finally {
      lock.undo()
    }
  }

  it('gives a clear message, writes nothing, and LogAI runs on memory', async (ctx) => {
    await withReadOnlyFolder(ctx, async () => {
      const { store, problem, persistent } = await t.open()
      expect(persistent).toBe(false)
      expect(problem).toMatch(new RegExp(`cannot write to ${t.dir}.*read-only`))
      await store.createSession({ title: 'In memory', modelId: 'm', now: 1, systemPrompt: '' })
      expect(existsSync(t.path)).toBe(false)
    })
  })

  it('leaves an existing history exactly as it was', async (ctx) => {
    const first = await t.open()
    await first.store.createSession({ title: 'Kept', modelId: 'm', now: 1, systemPrompt: '' })
    await first.store.close()
    const before = readFileSync(t.path)
    await withReadOnlyFolder(ctx, async () => {
      const { problem, persistent } = await t.open()
      expect(persistent).toBe(false)
      expect(problem).toMatch(/read-only/)
    })
    expect(readFileSync(t.path)).toEqual(before)
  })
})

describe('a history file that cannot be opened', () => {
  it('leaves a folder in its place alone and says what to check', async () => {
    mkdirSync(join(t.path, 'not-a-file'), { recursive: true })
    const { problem, persistent } = await t.open()
    expect(persistent).toBe(false)
    expect(problem).toContain(`LogAI could not open its history file ${t.path}`)
    expect(problem).toContain(
      'Check that it is a file LogAI can read and write, then restart LogAI.',
    )
    expect(existsSync(join(t.path, 'not-a-file'))).toBe(true)
    expect(files().filter((name) => name.includes('corrupt'))).toEqual([])
  })
})

describe('a full disk', () => {
  it('fails the write with a clear message and leaves nothing half-written', async () => {
    const { store } = await t.open({ maxDatabaseBytes: 400 * 1024 })
    const s = await store.createSession({ title: 'Full', modelId: 'm', now: 1, systemPrompt: '' })
    await say(store, s.id, 'user', 'small', 2)

    const failure = await rejection(say(store, s.id, 'user', 'x'.repeat(1024 * 1024), 3))
    expect(failure).toEqual({
      kind: 'internal',
      message: 'The disk is full, so LogAI could not save this. Free some space and try again.',
    })
    expect((await store.getSession(s.id)).messages.map((m) => m.content)).toEqual(['small'])

    // A turn that does not fit leaves the conversation as it was: an edit keeps the message it
    // would have replaced, and a new chat leaves no empty session behind.
    const tooBig = { content: 'x'.repeat(1024 * 1024) }
    const first = (await store.getSession(s.id)).messages[0]?.id ?? ''
    await rejection(
      store.startTurn({
        session: { id: s.id },
        replaceFrom: first,
        prompt: tooBig,
        modelId: 'm',
        now: 4,
      }),
    )
    expect((await store.getSession(s.id)).messages.map((m) => m.content)).toEqual(['small'])
    await rejection(
      store.startTurn({
        session: { start: { title: 'New', systemPrompt: '' } },
        prompt: tooBig,
        modelId: 'm',
        now: 5,
      }),
    )
    expect((await store.listSessions()).map((listed) => listed.title)).toEqual(['Full'])

    // A many-session import that does not fit is all or nothing.
    const file = JSON.stringify({
      app: 'LogAI',
      kind: 'sessions',
      version: 1,
      exportedAt: 0,
      sessions: Array.from({ length: 20 }, (_, i) => ({
        id: `big-${i}`,
        title: `Big ${i}`,
        titleSource: 'prompt',
        modelId: 'm',
        createdAt: i,
        updatedAt: i,
        pinned: false,
        systemPrompt: '',
        messages: [
          {
            id: `big-${i}-m`,
            role: 'user',
            content: 'y'.repeat(40_000),
            status: 'complete',
            createdAt: i,
          },
        ],
      })),
    })
    expect((await rejection(store.importSessions(file))).message).toMatch(/disk is full/)
    expect((await store.listSessions()).map((x) => x.title)).toEqual(['Full'])

    // Once there is room, writing works again.
    await say(store, s.id, 'assistant', 'fits', 4)
    expect((await store.getSession(s.id)).messages).toHaveLength(2)
  })
})
