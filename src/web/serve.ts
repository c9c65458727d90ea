import { homedir } from 'node:os'
import { fileURLToPath } from 'node:url'
import { createCore } from '../core/app.ts'
import { createConsoleLog, systemClock } from '../core/ports.ts'
import { createKeychainStore } from '../core/secrets/keychain-store.ts'
import { createMemorySecretStore } from '../core/secrets/memory-store.ts'
import { readEnvironment } from '../core/settings/environment.ts'
import { resolvePaths } from '../core/settings/paths.ts'
import { startWebHost } from './web-host.ts'

/** `npm run serve`: LogAI's core in plain Node, its UI in your browser. */
async function main() {
  let env
  try {
    env = readEnvironment(process.env)
  } catch (error) {
    process.stderr.write(`LogAI: ${(error as Error).message}\n`)
    process.exit(2)
  }
  const log = createConsoleLog('web')
  const paths = resolvePaths({
    platform: process.platform,
    env: process.env,
    home: homedir(),
    dataDir: env.dataDir,
  })
  const core = createCore({
    env,
    paths,
    fetch: (url, init) => fetch(url, init),
    clock: systemClock,
    log,
    secrets: env.secretStore === 'memory' ? createMemorySecretStore() : createKeychainStore(),
  })
  await core.ready
  const rendererDir = fileURLToPath(new URL('../../out/renderer', import.meta.url))
  const host = await startWebHost({ core, rendererDir, port: env.webPort })
  process.stdout.write(`LogAI web UI: ${host.url}\n`)

  const shutdown = () => {
    core.close()
    void host.close().then(() => process.exit(0))
  }
  process.once('SIGINT', shutdown)
  process.once('SIGTERM', shutdown)
}

void main()
