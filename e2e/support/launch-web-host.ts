import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FakeUpstream } from '../fake-upstream/index.ts'

export type RunningHost = {
  url: string
  /** Everything the host printed, to check that no token ever reaches a log. */
  output: () => string
  /** Asks the host to shut down (SIGTERM), as Ctrl+C would; resolves once it has exited. */
  stop(): Promise<void>
  /** Ends the host at once (SIGKILL), as a crash or a power cut would; resolves once it is gone. */
  kill(): Promise<void>
}

/**
 * Starts the real web host entry point (`src/web/serve.ts`) as its own process, pointed at the
 * fake upstream, exactly as `npm run serve` would; resolves once it prints its URL.
 */
export async function launchWebHost(options: {
  fake: FakeUpstream
  dataDir: string
  env?: Record<string, string>
}): Promise<RunningHost> {
  const child = spawn(
    process.execPath,
    // As `npm run serve` runs it: fetch honours HTTP(S)_PROXY and NO_PROXY.
    ['--use-env-proxy', '--disable-warning=ExperimentalWarning', 'src/web/serve.ts'],
    {
      env: {
        ...process.env,
        // A proxy of the machine running the tests must not stand between the host and the fake.
        HTTP_PROXY: '',
        HTTPS_PROXY: '',
        http_proxy: '',
        https_proxy: '',
        LOGAI_GITHUB_URL: options.fake.githubUrl,
        LOGAI_GITHUB_API_URL: options.fake.githubApiUrl,
        LOGAI_DATA_DIR: options.dataDir,
        LOGAI_SECRET_STORE: 'memory',
        LOGAI_WEB_PORT: '0',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  // A process ended by a signal keeps `exitCode` null; `signalCode` says it is gone.
  const isRunning = () => child.exitCode === null && child.signalCode === null

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host did not start:\n${output}`)), 15_000)
    const check = () => {
      const match = /LogAI web UI: (\S+)/.exec(output)
      if (match?.[1]) {
        clearTimeout(timer)
        resolve(match[1])
      }
    }
    child.stdout.on('data', check)
    child.once('exit', (code) => reject(new Error(`web host exited (${code}):\n${output}`)))
  })

  return {
    url,
    output: () => output,
    async stop() {
      if (isRunning()) child.kill('SIGTERM')
      await exited
    },
    async kill() {
      if (isRunning()) child.kill('SIGKILL')
      await exited
    },
  }
}

/** A fresh folder per test, removed afterwards. */
export function makeDataDir(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'logai-e2e-'))
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) }
}
