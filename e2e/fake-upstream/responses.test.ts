import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { defaultAnswer, defaultReasoning } from './index.ts'
import {
  jsonEvents,
  readSse,
  startSignedIn,
  without,
  type Json,
  type SignedInFake,
} from './test-client.ts'

// §8: POST /responses, the only route of GPT-5.x/Codex models.
describe('POST /responses', () => {
  let fake: SignedInFake
  const respond = (body: Json, headers?: Record<string, string>) =>
    fake.post('/responses', body, headers)
  const ask = (text: string, extra: Json = {}) => ({
    model: 'gpt-5.4',
    stream: true,
    input: [
      { role: 'system', content: [{ type: 'input_text', text: 'Be brief.' }] },
      { role: 'user', content: [{ type: 'input_text', text }] },
    ],
    ...extra,
  })
  const base64Id = /^[A-Za-z0-9+/]{60,}={0,2}$/

  beforeAll(async () => {
    fake = await startSignedIn()
  })
  afterAll(() => fake.upstream.close())
  beforeEach(() => fake.upstream.setScenario({ chunkDelayMs: 1, chunkSize: 12 }))

  it('streams named events whose data repeats the type, in the order clients expect', async () => {
    const res = await respond(ask('Hello'))
    expect(res.status).toBe(200)
    const { events, data } = await readSse(res)
    expect(data).not.toContain('[DONE]')
    const parsed = jsonEvents(events)
    expect(parsed).toHaveLength(events.length)
    // `event:` line and `type` agree; sequence numbers count from 0.
    events.forEach((event, index) => {
      expect(event.event).toBe(parsed[index]?.['type'])
      expect(parsed[index]?.['sequence_number']).toBe(index)
    })

    const types = parsed.map((event) => event['type'])
    const deltas = types.filter((type) => type === 'response.output_text.delta').length
    expect(deltas).toBe(Math.ceil(Array.from(defaultAnswer).length / 12))
    // gpt-5.4 reasons; unasked, only the final reasoning item arrives, no summary (§8.2).
    expect(types).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.output_item.done',
      'response.output_item.added',
      'response.content_part.added',
      ...Array<string>(deltas).fill('response.output_text.delta'),
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ])
    expect(parsed[0]).toMatchObject({ response: { status: 'in_progress', output: [] } })
    expect(parsed[2]).toMatchObject({ output_index: 0, item: { type: 'reasoning', summary: [] } })
    expect(parsed[4]).toMatchObject({ output_index: 1, item: { type: 'message', content: [] } })

    const text = parsed
      .filter((event) => event['type'] === 'response.output_text.delta')
      .map((event) => event['delta'])
      .join('')
    expect(text).toBe(defaultAnswer)
    expect(parsed.at(-4)).toMatchObject({ text: defaultAnswer })

    const completed = parsed.at(-1)?.['response'] as Json
    expect(completed).toMatchObject({
      object: 'response',
      status: 'completed',
      model: 'gpt-5.4',
      output: [
        { type: 'reasoning' },
        {
          type: 'message',
          role: 'assistant',
          content: [{ type: 'output_text', text: defaultAnswer }],
        },
      ],
    })
    const usage = completed['usage'] as {
      input_tokens: number
      input_tokens_details: { cached_tokens: number }
      output_tokens: number
      output_tokens_details: { reasoning_tokens: number }
      total_tokens: number
    }
    expect(usage.input_tokens_details.cached_tokens).toBe(0)
    expect(usage.output_tokens_details.reasoning_tokens).toBeGreaterThan(0)
    expect(usage.output_tokens).toBeGreaterThan(usage.output_tokens_details.reasoning_tokens)
    expect(usage.total_tokens).toBe(usage.input_tokens + usage.output_tokens)
  })

  it('uses long opaque base64 ids, not resp_/msg_ ones (§8.2 quirk)', async () => {
    const parsed = jsonEvents((await readSse(await respond(ask('Hello')))).events)
    const completed = parsed.at(-1)?.['response'] as { id: string; output: Array<{ id: string }> }
    expect(completed.id).toMatch(base64Id)
    expect(parsed[0]).toMatchObject({ response: { id: completed.id } })
    for (const item of completed.output) {
      expect(item.id).toMatch(base64Id)
      expect(item.id).not.toBe(completed.id)
    }
    const delta = parsed.find((event) => event['type'] === 'response.output_text.delta')
    expect(delta?.['item_id']).toBe(completed.output[1]?.id)
  })

  it('streams a reasoning summary only when the body asks for one', async () => {
    const asked = jsonEvents(
      (
        await readSse(
          await respond(
            ask('Hello', {
              reasoning: { effort: 'high', summary: 'auto' },
              include: ['reasoning.encrypted_content'],
            }),
          ),
        )
      ).events,
    )
    const summary = asked
      .filter((event) => event['type'] === 'response.reasoning_summary_text.delta')
      .map((event) => event['delta'])
      .join('')
    expect(summary).toBe(defaultReasoning)
    const firstText = asked.findIndex((event) => event['type'] === 'response.output_text.delta')
    const lastSummary = asked.findLastIndex(
      (event) => event['type'] === 'response.reasoning_summary_text.delta',
    )
    expect(lastSummary).toBeLessThan(firstText)
    const reasoningDone = asked.find(
      (event) =>
        event['type'] === 'response.output_item.done' &&
        (event['item'] as Json)['type'] === 'reasoning',
    )
    expect(reasoningDone?.['item']).toMatchObject({
      summary: [{ type: 'summary_text', text: defaultReasoning }],
      encrypted_content: expect.any(String),
    })

    const unasked = jsonEvents((await readSse(await respond(ask('Hello')))).events)
    expect(unasked.some((event) => String(event['type']).includes('reasoning_summary'))).toBe(false)
    const silent = unasked.find((event) => event['type'] === 'response.output_item.done')
    expect(silent?.['item']).not.toHaveProperty('encrypted_content')

    const none = jsonEvents(
      (await readSse(await respond(ask('Hello', { reasoning: { effort: 'none' } })))).events,
    )
    const completed = none.at(-1)?.['response'] as Json
    expect(completed['output']).toEqual([expect.objectContaining({ type: 'message' })])
    expect(completed['usage']).toMatchObject({ output_tokens_details: { reasoning_tokens: 0 } })
  })

  it('answers the response object when not streaming, echo: and string input included', async () => {
    const res = await respond({ model: 'gpt-5.4', input: 'please echo: bonjour', store: false })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('application/json')
    const body = (await res.json()) as Json
    expect(body).toMatchObject({
      object: 'response',
      status: 'completed',
      output: [
        { type: 'reasoning' },
        {
          type: 'message',
          status: 'completed',
          content: [{ type: 'output_text', text: 'bonjour' }],
        },
      ],
      usage: { total_tokens: expect.any(Number) },
    })
    expect(body['id']).toMatch(base64Id)
  })

  it('serves the plan-allowed, responses-only gpt-5.3-codex', async () => {
    const codex = await respond({ ...ask('echo: codex'), model: 'gpt-5.3-codex', stream: false })
    expect(codex.status).toBe(200)
    expect(await codex.json()).toMatchObject({ model: 'gpt-5.3-codex' })
  })

  it('refuses models that do not list /responses and bodies without input', async () => {
    const chatOnly = await respond(ask('Hello', { model: 'gpt-4.1' }))
    expect(chatOnly.status).toBe(400)
    expect(await chatOnly.json()).toEqual({
      error: {
        message: 'model "gpt-4.1" is not accessible via the /responses endpoint',
        code: 'unsupported_api_for_model',
      },
    })
    const claude = await respond(ask('Hello', { model: 'claude-sonnet-4.5' }))
    expect(await claude.json()).toMatchObject({ error: { code: 'unsupported_api_for_model' } })
    const unknown = await respond(ask('Hello', { model: 'gpt-9' }))
    expect(await unknown.json()).toMatchObject({ error: { code: 'model_not_supported' } })

    for (const input of [undefined, [], '', { role: 'user' }]) {
      const res = await respond({ model: 'gpt-5.4', stream: true, input })
      expect(res.status).toBe(400)
      expect(await res.json()).toMatchObject({ error: { param: 'input' } })
    }
  })

  it('refuses a reasoning effort the model does not list', async () => {
    const res = await respond(ask('Hello', { reasoning: { effort: 'max' } }))
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({
      error: { code: 'unsupported_value', param: 'reasoning.effort' },
    })
  })

  it('needs Copilot-Vision-Request for input_image parts', async () => {
    const withImage = ask('What is this?', {
      input: [
        {
          role: 'user',
          content: [
            { type: 'input_text', text: 'echo: a cat' },
            {
              type: 'input_image',
              image_url: 'data:image/png;base64,iVBORw0KGgo=',
              detail: 'auto',
            },
          ],
        },
      ],
      stream: false,
    })
    const missing = await respond(withImage)
    expect(missing.status).toBe(400)
    expect(await missing.json()).toMatchObject({
      error: { message: 'missing required Copilot-Vision-Request header for vision requests' },
    })
    const sent = await respond(withImage, { ...fake.auth(), 'copilot-vision-request': 'true' })
    expect(sent.status).toBe(200)
  })

  it('applies the Copilot gate: editor headers and retired API versions', async () => {
    const noEditor = await respond(ask('Hello'), without(fake.auth(), 'editor-version'))
    expect(noEditor.status).toBe(400)
    expect(await noEditor.json()).toMatchObject({
      error: { message: 'bad request: missing Editor-Version header for IDE auth' },
    })
    const retired = await respond(ask('Hello'), {
      ...fake.auth(),
      'x-github-api-version': '2023-07-07',
    })
    expect(retired.status).toBe(466)
  })
})
