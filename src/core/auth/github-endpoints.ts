import { AppFailure } from '../../shared/errors.ts'

/** Where one GitHub lives: its host (the keychain key), web base (device flow) and REST base. */
export type GithubEndpoints = { host: string; webUrl: string; apiUrl: string }

/** The endpoints the environment names (github.com unless `LOGAI_GITHUB_URL` says otherwise). */
export function endpointsFromUrls(webUrl: string, apiUrl: string): GithubEndpoints {
  return { host: new URL(webUrl).host, webUrl, apiUrl }
}

/**
 * A GitHub Enterprise Cloud tenant with data residency (copilot-protocol.md §4.1): people type
 * `acme.ghe.com` or a full URL; the scheme, path and trailing slash are dropped and only hosts
 * under `ghe.com` are accepted (GHES has no Copilot Chat, §4.2).
 */
export function enterpriseEndpoints(input: string): GithubEndpoints {
  const text = input.trim()
  let host: string
  try {
    host = new URL(/^[a-z]+:\/\//i.test(text) ? text : `https://${text}`).hostname.toLowerCase()
  } catch {
    throw invalid(input)
  }
  if (!/^[a-z0-9-]+\.ghe\.com$/.test(host)) throw invalid(input)
  return { host, webUrl: `https://${host}`, apiUrl: `https://api.${host}` }
}

function invalid(input: string): AppFailure {
  return new AppFailure({
    kind: 'invalid_input',
    message: `"${input.trim()}" is not a GitHub Enterprise Cloud address. Enter your tenant, like acme.ghe.com.`,
  })
}
