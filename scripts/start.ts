// `npm start`: builds LogAI and opens it in Electron, or explains why it cannot here.
//
// The check looks for the binary on disk instead of calling require('electron'), because that
// require starts a download from GitHub when the binary is missing.
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { constants } from 'node:os'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')

/** Where the electron package would put its binary, as its own index.js works it out. */
function electronBinary(): string | undefined {
  const pkg = join(root, 'node_modules', 'electron')
  const pathFile = join(pkg, 'path.txt')
  const relativePath = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH']
  if (override) return join(override, relativePath ?? 'electron')
  return relativePath ? join(pkg, 'dist', relativePath) : undefined
}

/** Runs a child with our terminal and resolves with its exit code; passes Ctrl-C and TERM on. */
function run(command: string, args: string[], env = process.env): Promise<number> {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env })
    const forward = (signal: NodeJS.Signals) => child.kill(signal)
    process.on('SIGINT', forward).on('SIGTERM', forward)
    child.on('error', (error) => {
      console.error(`start: could not run ${command}: ${error.message}`)
      done(1)
    })
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward).off('SIGTERM', forward)
      done(code ?? 128 + (signal ? constants.signals[signal] : 0))
    })
  })
}

const binary = electronBinary()
if (!binary || !existsSync(binary)) {
  console.error(
    'LogAI cannot open its desktop window: the Electron binary is not installed on this machine ' +
      '(node_modules/electron/dist is missing, usually because its download from GitHub was ' +
      'blocked while npm installed packages). To get it, run `npm install` on a machine that can ' +
      'reach Electron’s downloads, or run `node node_modules/electron/install.js` here once that ' +
      'download is allowed. Meanwhile `npm run serve` runs LogAI in your browser, and ' +
      '`npm run demo` lets you try it without a GitHub account.',
  )
  process.exit(1)
}

const built = await run(process.execPath, [
  join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'),
  'build',
])
if (built !== 0) process.exit(built)

// Electron acts as plain Node when this is set, e.g. when started from a VS Code task.
const { ELECTRON_RUN_AS_NODE: _ignored, ...env } = process.env
process.exit(await run(binary, [root, ...process.argv.slice(2)], env))
