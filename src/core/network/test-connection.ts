import type { ConnectionStep } from '../../shared/contract.ts'
import { toAppError } from '../../shared/errors.ts'
import type { AuthService } from '../auth/auth-service.ts'
import { copilotError, copilotFetch, type CopilotDeps } from '../copilot/copilot-request.ts'
import type { HttpFetch } from '../ports.ts'

/** How long each step may take before it counts as timed out. */
const stepTimeoutMs = 10_000

const tlsCodes = new Set([
  'CERT_HAS_EXPIRED',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
])

/**
 * "Test connection": tries the GitHub sign-in site, the GitHub API and the Copilot API in turn
 * and says, for each, whether it answered and otherwise which layer failed (DNS, connection,
 * TLS, proxy, timeout, HTTP) with what to do about it.
 */
export async function testConnection(deps: {
  fetch: HttpFetch
  auth: AuthService
  copilot: CopilotDeps
}): Promise<ConnectionStep[]> {
  const github = deps.auth.endpoints()
  const steps: ConnectionStep[] = [
    await reach(deps.fetch, 'github', `${github.webUrl}/`, github.host),
    await reach(deps.fetch, 'github_api', `${github.apiUrl}/`, new URL(github.apiUrl).host),
  ]
  if (deps.auth.state().kind !== 'signed_in') {
    steps.push({
      step: 'copilot',
      url: '',
      outcome: 'skipped',
      message: 'Sign in to test the Copilot API: its address comes with your sign-in.',
    })
    return steps
  }
  steps.push(await reachCopilot(deps.copilot))
  return steps
}

/** Any HTTP answer means the service is reachable; only the transport can fail here. */
async function reach(
  fetch: HttpFetch,
  step: ConnectionStep['step'],
  url: string,
  host: string,
): Promise<ConnectionStep> {
  try {
    const response = await fetch(url, {
      method: 'GET',
      signal: AbortSignal.timeout(stepTimeoutMs),
    })
    await response.body?.cancel()
    return { step, url, outcome: 'ok', message: `${host} answered (HTTP ${response.status}).` }
  } catch (thrown) {
    return { step, url, ...classify(thrown, host) }
  }
}

async function reachCopilot(copilot: CopilotDeps): Promise<ConnectionStep> {
  let url = ''
  try {
    const credentials = await copilot.auth.credentials().get()
    url = `${credentials.apiUrl}/models`
    const response = await copilotFetch(copilot, {
      method: 'GET',
      path: '/models',
      intent: 'model-access',
      signal: AbortSignal.timeout(stepTimeoutMs),
    })
    if (response.ok) {
      await response.body?.cancel()
      return {
        step: 'copilot',
        url,
        outcome: 'ok',
        message: 'Copilot answered and accepted your sign-in.',
      }
    }
    const error = await copilotError(response, copilot.clock.now())
    return { step: 'copilot', url, outcome: 'http', message: error.message }
  } catch (thrown) {
    const host = url ? new URL(url).host : 'GitHub Copilot'
    const cause = (thrown as { cause?: unknown }).cause
    if (cause || (thrown instanceof Error && thrown.name === 'TimeoutError')) {
      return { step: 'copilot', url, ...classify(thrown, host) }
    }
    return { step: 'copilot', url, outcome: 'http', message: toAppError(thrown).message }
  }
}

function classify(thrown: unknown, host: string): Pick<ConnectionStep, 'outcome' | 'message'> {
  if (thrown instanceof Error && thrown.name === 'TimeoutError') {
    return {
      outcome: 'timeout',
      message: `${host} did not answer within ${stepTimeoutMs / 1000} s.`,
    }
  }
  const cause = (thrown as { cause?: { code?: unknown; message?: unknown } }).cause
  const code = typeof cause?.code === 'string' ? cause.code : ''
  const detail = typeof cause?.message === 'string' ? cause.message : String(thrown)
  if (/proxy/i.test(detail)) {
    return {
      outcome: 'proxy',
      message: `The proxy refused or failed the connection to ${host} (${detail}). Check HTTPS_PROXY and NO_PROXY.`,
    }
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return {
      outcome: 'dns',
      message: `DNS could not resolve ${host}. Check your network or DNS settings.`,
    }
  }
  if (tlsCodes.has(code) || /certificate|tls|ssl/i.test(detail)) {
    return {
      outcome: 'tls',
      message: `The TLS connection to ${host} failed (${code || detail}). Behind a TLS-inspecting proxy, point NODE_EXTRA_CA_CERTS at its root certificate.`,
    }
  }
  return {
    outcome: 'connect',
    message: `Could not connect to ${host}${code ? ` (${code})` : ''}. Check your network, firewall or proxy.`,
  }
}
