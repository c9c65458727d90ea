import { benchClock } from '../page-clock.ts'
import { recordUpstreamWrites } from '../upstream-writes.ts'
import { distribution, quantile, round } from '../stats.ts'
import { numberedWords, readChatSse, type ApiBench } from './setup.ts'

// The clock the fake's writes are stamped on (upstream-writes.ts), so the two compare.
const now = benchClock

function chatBody(prompt: string, stream: boolean) {
  return { model: 'gpt-4.1', stream, messages: [{ role: 'user', content: prompt }] }
}

/** Sends one non-streamed request and reads the whole answer; returns ms. */
async function timeRequest(send: () => Promise<Response>): Promise<number> {
  const started = now()
  const response = await send()
  const answer = (await response.json()) as { choices?: Array<{ message?: { content?: string } }> }
  const took = now() - started
  if (response.status !== 200 || answer.choices?.[0]?.message?.content !== 'pong') {
    throw new Error(
      `unexpected answer (${response.status}): ${JSON.stringify(answer).slice(0, 200)}`,
    )
  }
  return took
}

/**
 * `count` pairs of the same non-streamed request, through the local server and straight to the
 * fake; each pair's order alternates (ABBA) so drift and warm-up hit both paths alike.
 */
export async function measureRequests(bench: ApiBench, count: number, warmup = 20) {
  bench.up.fake.setScenario({ chunkDelayMs: 0 })
  const body = chatBody('echo: pong', false)
  const local = () => timeRequest(() => bench.local(body))
  const direct = () => timeRequest(() => bench.direct(body, false))
  for (let i = 0; i < warmup; i++) {
    await local()
    await direct()
  }
  const localMs: number[] = []
  const directMs: number[] = []
  const addedMs: number[] = []
  for (let i = 0; i < count; i++) {
    let a: number
    let b: number
    if (i % 2 === 0) {
      a = await local()
      b = await direct()
    } else {
      b = await direct()
      a = await local()
    }
    localMs.push(a)
    directMs.push(b)
    addedMs.push(a - b)
  }
  return {
    requests: count,
    addedP50Ms: round(quantile(addedMs, 0.5), 3),
    addedP95Ms: round(quantile(addedMs, 0.95), 3),
    localMs: distribution(localMs),
    directMs: distribution(directMs),
    // The difference of the medians, a check on the median of differences.
    medianDifferenceMs: round(quantile(localMs, 0.5) - quantile(directMs, 0.5), 3),
  }
}

/** Reads a streamed answer, stamping when each numbered token first reached the client. */
async function readTokens(response: Response, pattern: RegExp, count: number) {
  if (response.status !== 200 || !response.body)
    throw new Error(`stream refused: ${response.status}`)
  const arrived: number[] = []
  const decoder = new TextDecoder()
  let text = ''
  for await (const part of response.body) {
    const at = now()
    const from = Math.max(0, text.length - 16)
    text += decoder.decode(part as Uint8Array, { stream: true })
    for (const match of text.slice(from).matchAll(pattern)) arrived[Number(match[1])] ??= at
  }
  const { errors } = readChatSse(text)
  const missing = count - arrived.filter((at) => at !== undefined).length
  if (errors.length > 0 || missing > 0) {
    throw new Error(`stream incomplete: ${missing} tokens missing; ${errors.join('; ')}`)
  }
  return arrived
}

/**
 * One answer of `chunks` one-token chunks streamed both ways, `trials` times each (alternating
 * which goes first). A chunk's latency is its arrival at the client minus the moment the fake
 * wrote it; the added latency pairs the two paths' latencies of the same chunk index.
 */
export async function measureChunks(
  bench: ApiBench,
  chunks: number,
  trials: number,
  chunkDelayMs: number,
) {
  const words = numberedWords('t', chunks)
  const pattern = /t(\d{4})/g
  // Each chunk is exactly one word and its space: `t0000 `.
  bench.up.fake.setScenario({ chunkDelayMs, chunkSize: words[0]!.length + 1 })
  const body = chatBody(`echo: ${words.join(' ')}`, true)
  // The local server runs in this process too: only the fake's `/copilot/` answers are timed.
  const writes = recordUpstreamWrites({
    pattern,
    only: (response) => response.req?.url?.startsWith('/copilot/') ?? false,
  })
  const latency = async (send: () => Promise<Response>) => {
    writes.reset()
    const arrived = await readTokens(await send(), pattern, chunks)
    const sent = writes.sent()
    return arrived.map((at, i) => at - (sent[i] ?? Number.NaN))
  }
  const localLatency: number[] = []
  const directLatency: number[] = []
  const added: number[] = []
  try {
    await latency(() => bench.local(body)) // warm-up
    await latency(() => bench.direct(body, true))
    for (let trial = 0; trial < trials; trial++) {
      let a: number[]
      let b: number[]
      if (trial % 2 === 0) {
        a = await latency(() => bench.local(body))
        b = await latency(() => bench.direct(body, true))
      } else {
        b = await latency(() => bench.direct(body, true))
        a = await latency(() => bench.local(body))
      }
      for (let i = 0; i < chunks; i++) {
        const x = a[i]!
        const y = b[i]!
        if (Number.isNaN(x) || Number.isNaN(y)) continue
        localLatency.push(x)
        directLatency.push(y)
        added.push(x - y)
      }
    }
  } finally {
    writes.stop()
  }
  return {
    chunks,
    trials,
    chunkDelayMs,
    addedP50Ms: round(quantile(added, 0.5), 3),
    addedP95Ms: round(quantile(added, 0.95), 3),
    localLatencyMs: distribution(localLatency),
    directLatencyMs: distribution(directLatency),
  }
}

/**
 * `streams` streams at once through the local server, stream i echoing `s<i>n0000 s<i>n0001 …`;
 * each must finish with status 200, no error event, `[DONE]`, and exactly its words in order.
 */
export async function measureConcurrentStreams(
  bench: ApiBench,
  streams: number,
  wordsPerStream: number,
  chunkDelayMs: number,
) {
  const prefix = (i: number) => `s${String(i).padStart(2, '0')}n`
  bench.up.fake.setScenario({ chunkDelayMs, chunkSize: prefix(0).length + 5 })
  const started = now()
  let firstFinished = Infinity
  const outcomes = await Promise.all(
    Array.from({ length: streams }, async (_, i) => {
      const expected = numberedWords(prefix(i), wordsPerStream)
      try {
        const response = await bench.local(chatBody(`echo: ${expected.join(' ')}`, true))
        const headersAt = now()
        const text = await response.text()
        firstFinished = Math.min(firstFinished, now())
        const { content, done, errors } = readChatSse(text)
        const got = content.split(' ').filter(Boolean)
        const problems: string[] = [...errors]
        if (response.status !== 200) problems.push(`status ${response.status}`)
        if (!done) problems.push('no [DONE]')
        const foreign = got.filter((word) => !word.startsWith(prefix(i))).length
        if (foreign > 0) problems.push(`${foreign} words of other streams`)
        let outOfOrder = 0
        for (let k = 1; k < got.length; k++) if (got[k]! <= got[k - 1]!) outOfOrder++
        if (outOfOrder > 0) problems.push(`${outOfOrder} words out of order`)
        if (content !== expected.join(' ')) {
          problems.push(`content differs (${got.length} of ${wordsPerStream} words)`)
        }
        return { headersAt, problems }
      } catch (error) {
        return { headersAt: Infinity, problems: [(error as Error).message] }
      }
    }),
  )
  const failed = outcomes.filter((outcome) => outcome.problems.length > 0)
  return {
    streams,
    wordsPerStream,
    chunkDelayMs,
    completedClean: streams - failed.length,
    // Streams whose answer had begun before any stream ended: all of them were held at once.
    heldAtOnce: outcomes.filter((outcome) => outcome.headersAt < firstFinished).length,
    wallMs: round(now() - started, 0),
    problems: failed.slice(0, 5).map((outcome) => outcome.problems.join('; ')),
  }
}
