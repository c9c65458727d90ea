// The process `crash.ts` kills: it opens the history and keeps writing to it as LogAI does
// (two answers streaming at once with checkpoints, sessions, prompts, request-log entries), and
// prints one JSON line per step on stdout, after the write the line names has resolved. Usage:
// node crash-child.ts <database> <run>
import { openSessionStore } from '../../src/core/sessions/session-store.ts'
import { answerText, type CrashEvent } from './crash-protocol.ts'
import { createRandom } from './fixture-text.ts'

const [path, runArgument] = process.argv.slice(2)
if (!path || !runArgument) throw new Error('usage: crash-child.ts <database> <run>')
const run = Number(runArgument)
const random = createRandom(run * 7919 + 1)
const now = () => performance.timeOrigin + performance.now()
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function say(event: CrashEvent) {
  process.stdout.write(`${JSON.stringify(event)}\n`)
}

/** The longest gap LogAI leaves between two checkpoints of a streaming answer. */
const maxCheckpointMs = 1_000

const opened = await openSessionStore(path)
say({ kind: 'ready', at: now() })

let writes = 0
/** Every call goes through here, so the parent knows which writes were in flight at the kill. */
const store = new Proxy(opened.store, {
  get(target, name) {
    const method = Reflect.get(target, name) as (...args: unknown[]) => Promise<unknown>
    return async (...args: unknown[]) => {
      const n = ++writes
      say({ kind: 'write', at: now(), n })
      const result = await method(...args)
      say({ kind: 'wrote', at: now(), n })
      return result
    }
  },
})

/**
 * Writes without pause, so most kills land while a write is in flight: request-log entries, and
 * every tenth write a prompt in a session of its own (which the search index takes in too).
 */
async function background() {
  const session = await store.createSession({
    title: `Crash run ${run} background`,
    modelId: 'gpt-4.1',
    now: Date.now(),
    systemPrompt: '',
  })
  for (let i = 0; ; i++) {
    if (i % 10 === 0) {
      const content = `Background prompt ${run}:${i} about quokkas and ${'words '.repeat(i % 50)}`
      const message = await store.addMessage({
        sessionId: session.id,
        role: 'user',
        content,
        status: 'complete',
        createdAt: Date.now(),
      })
      say({ kind: 'prompt', at: now(), sessionId: session.id, messageId: message.id, content })
      continue
    }
    await store.appendRequestLog({
      at: Date.now(),
      durationMs: 40,
      client: 'crash-child',
      endpoint: '/v1/chat/completions',
      model: 'gpt-4.1',
      upstream: '/chat/completions',
      stream: true,
      status: 200,
      inputTokens: 10,
      outputTokens: 20,
    })
  }
}

async function stream(lane: number) {
  for (let turn = 0; ; turn++) {
    const seed = `${run}:${lane}:${turn}`
    const session = await store.createSession({
      title: `Crash run ${seed}`,
      modelId: 'gpt-4.1',
      now: Date.now(),
      systemPrompt: '',
    })
    const prompt = `Prompt ${seed}: tell me something long.`
    const user = await store.addMessage({
      sessionId: session.id,
      role: 'user',
      content: prompt,
      status: 'complete',
      createdAt: Date.now(),
    })
    say({ kind: 'prompt', at: now(), sessionId: session.id, messageId: user.id, content: prompt })
    const answer = await store.addMessage({
      sessionId: session.id,
      role: 'assistant',
      content: '',
      status: 'streaming',
      modelId: 'gpt-4.1',
      createdAt: Date.now(),
    })
    say({ kind: 'answer', at: now(), sessionId: session.id, messageId: answer.id, seed })
    const full = answerText(seed)
    const target = 2_000 + Math.floor(random() * (full.length - 2_000))
    let length = 0
    let last = now()
    let interval = 100 + random() * (maxCheckpointMs - 100)
    while (length < target) {
      // Tokens arrive: about 5,000 characters a second.
      await sleep(10)
      length = Math.min(target, length + 50)
      if (now() - last >= interval) {
        last = now()
        say({ kind: 'checkpoint', at: last, messageId: answer.id, length, interval })
        await store.updateMessage(answer.id, {
          content: full.slice(0, length),
          status: 'streaming',
        })
        say({ kind: 'saved', at: now(), messageId: answer.id, length })
        interval = 100 + random() * (maxCheckpointMs - 100)
      }
    }
    say({ kind: 'checkpoint', at: now(), messageId: answer.id, length, interval: 0 })
    await store.updateMessage(answer.id, { content: full.slice(0, length), status: 'complete' })
    await store.touchSession(session.id, Date.now(), 'gpt-4.1')
    say({ kind: 'complete', at: now(), messageId: answer.id, length })
    // Now and then the person asks for another answer: the last one is deleted.
    if (turn % 3 === 2) {
      await store.deleteMessagesFrom(session.id, answer.id)
      say({ kind: 'deleted', at: now(), messageId: answer.id })
    }
  }
}

void background()
void stream(0)
void stream(1)
