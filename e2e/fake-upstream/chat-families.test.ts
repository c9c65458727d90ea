import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { defaultAnswer, defaultReasoning } from './index.ts'
import { readSse, startSignedIn, type Json, type SignedInFake } from './test-client.ts'

type Chunk = {
  choices: Array<{
    index?: number
    finish_reason?: string
    delta: {
      content?: string | null
      role?: string | null
      reasoning_text?: string
      reasoning_opaque?: string
    }
  }>
  id: string
  model?: string
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number } & Json
} & Json

// §7.2: /chat/completions streams in the shape of the model's family.
describe('POST /chat/completions per model family', () => {
  let fake: SignedInFake
  const chat = (model: string, extra: Json = {}) =>
    fake.post('/chat/completions', {
      model,
      stream: true,
      messages: [{ role: 'user', content: 'Hello' }],
      ...extra,
    })
  const streamOf = async (model: string) => {
    const { data } = await readSse(await chat(model))
    expect(data.at(-1)).toBe('[DONE]')
    return data.slice(0, -1).map((item) => JSON.parse(item) as Chunk)
  }
  const contentOf = (chunks: Chunk[]) =>
    chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')

  beforeAll(async () => {
    fake = await startSignedIn()
  })
  afterAll(() => fake.upstream.close())
  beforeEach(() => fake.upstream.setScenario({ chunkDelayMs: 1, chunkSize: 12 }))

  it('streams Claude without a prompt-filter chunk, with role and model on every chunk', async () => {
    const chunks = await streamOf('claude-sonnet-4.5')
    expect(chunks[0]?.choices).toHaveLength(1)
    expect(chunks.some((chunk) => 'prompt_filter_results' in chunk)).toBe(false)
    for (const chunk of chunks) {
      expect(chunk.choices[0]?.delta.role).toBe('assistant')
      expect(chunk.model).toBe('claude-sonnet-4.5')
      expect(chunk).not.toHaveProperty('object')
      expect(chunk.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
    }
    expect(contentOf(chunks)).toBe(defaultAnswer)
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop')
    expect(chunks.at(-1)?.usage?.total_tokens).toBeGreaterThan(0)
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === undefined)).toBe(true)
  })

  it('streams Gemini reasoning_text first and a zero usage on every chunk but the last', async () => {
    const chunks = await streamOf('gemini-2.5-pro')
    const firstContent = chunks.findIndex((chunk) => chunk.choices[0]?.delta.content)
    expect(firstContent).toBeGreaterThan(0)
    const reasoning = chunks.slice(0, firstContent)
    for (const chunk of reasoning) {
      expect(chunk.choices[0]?.delta.content).toBeNull()
      expect(chunk.choices[0]?.delta.reasoning_text).toEqual(expect.any(String))
    }
    expect(reasoning.map((chunk) => chunk.choices[0]?.delta.reasoning_text).join('')).toBe(
      defaultReasoning,
    )
    expect(chunks.slice(firstContent).some((c) => c.choices[0]?.delta.reasoning_text)).toBe(false)
    expect(contentOf(chunks)).toBe(defaultAnswer)

    const zero = { completion_tokens: 0, prompt_tokens: 0, total_tokens: 0 }
    for (const chunk of chunks.slice(0, -1)) expect(chunk.usage).toEqual(zero)
    const last = chunks.at(-1)
    expect(last?.choices[0]).toMatchObject({
      finish_reason: 'stop',
      delta: { content: null, reasoning_opaque: expect.any(String) },
    })
    expect(last?.usage).toMatchObject({
      prompt_tokens: expect.any(Number),
      completion_tokens_details: { reasoning_tokens: expect.any(Number) },
    })
    expect(last?.usage?.completion_tokens).toBeGreaterThan(0)
  })

  it('keeps the Azure GPT shape: prompt-filter chunk first, no model on any chunk', async () => {
    const chunks = await streamOf('gpt-4.1')
    expect(chunks[0]).toMatchObject({ choices: [], id: '', created: 0 })
    expect(chunks.every((chunk) => chunk.model === undefined)).toBe(true)
    expect(chunks.slice(2).every((chunk) => chunk.choices[0]?.delta.role == null)).toBe(true)
  })

  it('answers non-streaming Claude with the display name and Gemini with its reasoning', async () => {
    const claude = await chat('claude-sonnet-4.5', {
      stream: false,
      messages: [{ role: 'user', content: 'echo: hi' }],
    })
    expect(await claude.json()).toMatchObject({
      model: 'Claude Sonnet 4.5',
      choices: [{ finish_reason: 'stop', message: { role: 'assistant', content: 'hi' } }],
    })
    const gemini = await chat('gemini-2.5-pro', {
      stream: false,
      messages: [{ role: 'user', content: 'echo: hi' }],
    })
    expect(await gemini.json()).toMatchObject({
      choices: [
        {
          message: {
            content: 'hi',
            reasoning_text: defaultReasoning,
            reasoning_opaque: expect.any(String),
          },
        },
      ],
    })
  })

  it('needs a vision model as well as the header for images', async () => {
    const image = {
      stream: false,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
          ],
        },
      ],
    }
    const vision = { ...fake.auth(), 'copilot-vision-request': 'true' }
    const noVision = await fake.post('/chat/completions', { ...image, model: 'o3-mini' }, vision)
    expect(noVision.status).toBe(400)
    expect(await noVision.json()).toMatchObject({
      error: { message: 'model "o3-mini" does not support image inputs' },
    })
    const ok = await fake.post('/chat/completions', { ...image, model: 'gpt-4.1' }, vision)
    expect(ok.status).toBe(200)
  })
})
