import { answers, messageText } from './support/conversation.ts'
import { expect, signIn, test } from './support/fixtures.ts'
import { launchWebHost } from './support/launch-web-host.ts'
import { startTunnelProxy } from './support/tunnel-proxy.ts'

test('signs in and chats through the proxy named by HTTPS_PROXY/HTTP_PROXY', async ({
  page,
  fake,
  dataDir,
}) => {
  const proxy = await startTunnelProxy()
  const host = await launchWebHost({
    fake,
    dataDir,
    env: {
      HTTP_PROXY: proxy.url,
      HTTPS_PROXY: proxy.url,
      http_proxy: proxy.url,
      https_proxy: proxy.url,
      NO_PROXY: '',
      no_proxy: '',
    },
  })
  try {
    await signIn(page, host)
    await page.getByRole('textbox', { name: 'Message' }).fill('echo: through the proxy')
    await page.keyboard.press('Enter')
    await expect(messageText(answers(page).last())).toHaveText('through the proxy')
    // Every call to GitHub and Copilot went through the proxy's tunnel to the fake.
    expect(proxy.tunnels.length).toBeGreaterThan(0)
    expect(new Set(proxy.tunnels)).toEqual(new Set([new URL(fake.url).host]))
  } finally {
    await host.stop()
    await proxy.close()
  }
})
