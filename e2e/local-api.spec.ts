import Anthropic from '@anthropic-ai/sdk'
import OpenAI from 'openai'
import { expect, signIn, test } from './support/fixtures.ts'
import { launchWebHost } from './support/launch-web-host.ts'

// Issue 6, as a person would use it: the web host started with LOGAI_API_PORT prints where the
// API is, the official SDKs talk to it with the key, and Settings shows it running.

const apiKey = 'logai-e2e-key-0123456789abcdefghij'

test('the headless local API serves the official SDKs with the signed-in account', async ({
  page,
  fake,
  dataDir,
}) => {
  const host = await launchWebHost({
    fake,
    dataDir,
    env: { LOGAI_API_PORT: '0', LOGAI_API_KEY: apiKey },
  })
  try {
    await expect.poll(() => /LogAI API: (\S+)/.exec(host.output())?.[1]).toBeTruthy()
    const apiUrl = /LogAI API: (\S+)/.exec(host.output())![1]!
    expect(apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)

    await signIn(page, host)

    const openai = new OpenAI({ baseURL: `${apiUrl}/v1`, apiKey })
    const models = await openai.models.list()
    expect(models.data.map((m) => m.id)).toContain('gpt-5.4')
    // A chat-completions client reaches the responses-only GPT-5.4 (§6.2), streamed.
    const stream = await openai.chat.completions.create({
      model: 'gpt-5.4',
      stream: true,
      messages: [{ role: 'user', content: 'echo: through the local API' }],
    })
    let text = ''
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? ''
    expect(text).toBe('through the local API')

    const anthropic = new Anthropic({ baseURL: apiUrl, apiKey })
    const message = await anthropic.messages.create({
      model: 'claude-sonnet-4.5',
      max_tokens: 256,
      messages: [{ role: 'user', content: 'echo: hello Claude' }],
    })
    expect(message.content.find((block) => block.type === 'text')?.text).toBe('hello Claude')

    await expect(
      new OpenAI({ baseURL: `${apiUrl}/v1`, apiKey: 'wrong' }).models.list(),
    ).rejects.toMatchObject({
      status: 401,
    })

    await page.getByRole('button', { name: 'Settings' }).click()
    const section = page.getByRole('region', { name: 'Local API' })
    await expect(section.getByText(`Running at ${apiUrl}`)).toBeVisible()
    await expect(section.getByRole('switch', { name: 'Local API server' })).toBeChecked()
    await expect(section.getByText('This key comes from LOGAI_API_KEY.')).toBeVisible()
    const log = section.getByRole('table', { name: 'Recent local API requests' })
    await expect(log.getByText('/v1/messages')).toBeVisible()
  } finally {
    await host.stop()
  }
  expect(host.output()).not.toContain(apiKey)
})

test('Settings switches the local API on, and curl-ready setup uses its key', async ({
  page,
  host,
}) => {
  await signIn(page, host)
  await page.getByRole('button', { name: 'Settings' }).click()
  const section = page.getByRole('region', { name: 'Local API' })
  await expect(section.getByText('Off', { exact: true })).toBeVisible()
  const port = section.getByRole('textbox', { name: 'Port' })
  // A port nothing else uses on this machine, chosen by the test's worker index.
  await port.fill(String(41_000 + test.info().workerIndex))
  await section.getByRole('button', { name: 'Use port' }).click()
  // The switch follows the server's state, so it turns on once the core answers.
  const toggle = section.getByRole('switch', { name: 'Local API server' })
  await toggle.click()
  await expect(toggle).toBeChecked()
  const running = section.getByText(/^Running at http:\/\/127\.0\.0\.1:\d+$/)
  await expect(running).toBeVisible()
  const url = (await running.textContent())!.replace('Running at ', '')
  await section.getByRole('button', { name: 'Show key' }).click()
  const key = await section.getByLabel('API key', { exact: true }).inputValue()
  const response = await fetch(`${url}/v1/models`, { headers: { Authorization: `Bearer ${key}` } })
  expect(response.status).toBe(200)
  await expect(section.getByText(`Authorization: Bearer ${key}`)).toBeVisible()

  await toggle.click()
  await expect(toggle).not.toBeChecked()
  await expect(section.getByText('Off', { exact: true })).toBeVisible()
  await expect(fetch(`${url}/v1/models`)).rejects.toThrow()
})
