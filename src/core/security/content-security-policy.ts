/**
 * The renderer's Content Security Policy, one definition for both hosts: only the app's own
 * scripts and styles, no eval, no inline code, no remote hosts, no plugins, no framing.
 * `connectSources` adds the web host's own WebSocket address.
 */
export function contentSecurityPolicy(connectSources: string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src ${["'self'", ...connectSources].join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ')
}
