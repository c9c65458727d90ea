import { readFileSync } from 'node:fs'
import { getCACertificates, setDefaultCACertificates } from 'node:tls'

const pemBlock = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g

/**
 * Adds the certificates in a PEM file to the ones Node trusts for every TLS connection, for
 * corporate proxies that inspect TLS with their own root (issue 3 §8). The same as
 * `NODE_EXTRA_CA_CERTS`, but from `config.json` so nobody has to edit a launcher. Returns what
 * went wrong, for people, or null. Electron's network stack trusts the system store instead:
 * there the certificate belongs in the operating system's trust settings.
 */
export function trustExtraCertificates(path: string): string | null {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return `caCertificates: LogAI cannot read ${path}${code ? ` (${code})` : ''}; connections use the usual certificates.`
  }
  const certificates = text.match(pemBlock)
  if (!certificates) {
    return `caCertificates: ${path} holds no PEM certificate (-----BEGIN CERTIFICATE-----); connections use the usual certificates.`
  }
  try {
    setDefaultCACertificates([...getCACertificates('default'), ...certificates])
  } catch (error) {
    return `caCertificates: a certificate in ${path} is not valid (${(error as Error).message}).`
  }
  return null
}
