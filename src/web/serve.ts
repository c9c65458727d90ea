import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createCore, type Core } from '../core/app.ts'
import { createConsoleLog, systemClock, type Log } from '../core/ports.ts'
import { createKeychainStore } from '../core/secrets/keychain-store.ts'
import { createMemorySecretStore } from '../core/secrets/memory-store.ts'
import { readEnvironment, type Environment } from '../core/settings/environment.ts'
import { resolvePaths } from '../core/settings/paths.ts'
import { watchClockJumps } from '../core/clock-jumps.ts'
import { startWebHost, type WebHost } from './web-host.ts'

/** How long a shutdown may take before the process gives up waiting and exits anyway. */
const shutdownTimeoutMs = 5_000

/** `npm run serve`: LogAI's core in plain Node, its UI in your browser. */
async function main() {
  let env: Environment
  try {
    env = readEnvironment(process.env)
  } catch (error) {
    return fail(2, (error as Error).message)
  }
  const log = createConsoleLog('web')
  const rendererDir = fileURLToPath(new URL('../../out/renderer', import.meta.url))
  if (!existsSync(join(rendererDir, 'index.html'))) {
    return fail(1, `the UI is not built (${rendererDir} has no index.html); run \`npm run build\``)
  }

  let core: Core | undefined
  let host: WebHost
  try {
    core = createCore({
      env,
      paths: resolvePaths({
        platform: process.platform,
        env: process.env,
        home: homedir(),
        dataDir: env.dataDir,
      }),
      fetch: (url, init) => fetch(url, init),
      clock: systemClock,
      log,
      secrets: env.secretStore === 'memory' ? createMemorySecretStore() : createKeychainStore(),
    })
    await core.ready
    host = await startWebHost({ core, rendererDir, port: env.webPort, log })
  } catch (error) {
    await closeQuietly(core, log)
    return fail(1, startupFailure(error, env.webPort))
  }

  // Installed only once the host is up, so a failed start still ends the process with its reason.
  process.on('unhandledRejection', (reason) =>
    log.error('unhandled rejection', { error: describeError(reason) }),
  )
  // After an uncaught exception the process state is unknown: log it and stop (Node's advice).
  process.on('uncaughtException', (error) => {
    log.error('uncaught exception', { error: describeError(error) })
    process.exit(1)
  })

  process.stdout.write(`LogAI web UI: ${host.url}\n`)
  // No powerMonitor here: a jump of the wall clock means the machine slept.
  const readyCore = core
  watchClockJumps(() => readyCore.resume())
  await readyCore.ready
  const api = readyCore.api.status()
  if (api.url) process.stdout.write(`LogAI API: ${api.url}\n`)
  else if (api.problem) log.warn('the local API server did not start', { problem: api.problem })

  let stopping = false
  const shutdown = async () => {
    if (stopping) process.exit(1)
    stopping = true
    setTimeout(() => {
      log.error('shutdown timed out', { afterMs: shutdownTimeoutMs })
      process.exit(1)
    }, shutdownTimeoutMs).unref()
    try {
      await host.close()
    } catch (error) {
      log.error('closing the web host failed', { error: describeError(error) })
    }
    await closeQuietly(core, log)
    process.exit(0)
  }
  process.on('SIGINT', () => void shutdown())
  process.on('SIGTERM', () => void shutdown())
}

async function closeQuietly(core: Core | undefined, log: Log) {
  try {
    await core?.close()
  } catch (error) {
    log.error('closing the core failed', { error: describeError(error) })
  }
}

function startupFailure(error: unknown, port: number): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  if (code === 'EADDRINUSE') {
    return `port ${port} is already in use; set LOGAI_WEB_PORT to a free port (0 picks one)`
  }
  if (code === 'EACCES') return `not allowed to listen on port ${port}; set LOGAI_WEB_PORT`
  return `could not start: ${error instanceof Error ? error.message : String(error)}`
}

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error)
}

function fail(exitCode: number, message: string): never {
  process.stderr.write(`LogAI: ${message}\n`)
  process.exit(exitCode)
}

main().catch((error: unknown) => fail(1, `could not start: ${describeError(error)}`))
