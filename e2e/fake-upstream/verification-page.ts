import { decideDeviceCode, findPendingCode } from './device-codes.ts'
import { sendHtml } from './http-io.ts'
import { param, type RouteContext } from './route.ts'

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
}

function page(title: string, content: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)} · Fake GitHub</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 28rem; margin: 4rem auto; padding: 0 1rem; }
input { font: 1.5rem monospace; letter-spacing: 0.2em; width: 100%; box-sizing: border-box; }
button { font-size: 1rem; margin: 1rem 0.5rem 0 0; padding: 0.4rem 1rem; }
.note { color: #666; font-size: 0.9rem; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${content}
<p class="note">This is the LogAI fake upstream, not github.com.
Nothing here touches a real account.</p>
</body>
</html>
`
}

/** `GET /login/device`: the page where a person types the user code, as on github.com. */
export function showVerificationPage(ctx: RouteContext): void {
  const prefill = ctx.url.searchParams.get('user_code') ?? ''
  sendHtml(
    ctx.res,
    200,
    page(
      'Device activation',
      `<form method="post" action="${escapeHtml(ctx.state.urls.githubUrl)}/login/device">
<label for="user_code">Enter the code displayed on your device</label>
<input id="user_code" name="user_code" autocomplete="off" placeholder="XXXX-XXXX"
  value="${escapeHtml(prefill)}" required>
<button type="submit" name="action" value="authorize">Authorize</button>
<button type="submit" name="action" value="cancel" formnovalidate>Cancel</button>
</form>`,
    ),
  )
}

/** `POST /login/device`: approves or denies the matching pending code. */
export function submitVerificationPage(ctx: RouteContext): void {
  const userCode = param(ctx, 'user_code') ?? ''
  const isCancel = param(ctx, 'action') === 'cancel'
  const reply = (status: number, title: string, text: string) =>
    sendHtml(ctx.res, status, page(title, `<p>${text}</p>`))

  if (isCancel) {
    if (findPendingCode(ctx.state, userCode) !== undefined) {
      decideDeviceCode(ctx.state, 'denied', userCode)
    }
    reply(
      200,
      'Authorization cancelled',
      'The device was not authorized. You can close this window.',
    )
    return
  }
  if (findPendingCode(ctx.state, userCode) === undefined) {
    const again = `<a href="${escapeHtml(ctx.state.urls.githubUrl)}/login/device">Try again</a>`
    reply(
      404,
      'Invalid code',
      `The code ${escapeHtml(userCode)} is not valid or has expired. ${again}`,
    )
    return
  }
  decideDeviceCode(ctx.state, 'approved', userCode)
  reply(
    200,
    'Congratulations, you’re all set!',
    'Your device is now connected. You can close this window.',
  )
}
