// Scans the Electron-facing source with electronegativity and fails on any finding.
//
//   node scripts/check-electronegativity.ts            scans src/main, src/preload, src/renderer
//   node scripts/check-electronegativity.ts DIR...     scans DIR... instead (to try the check)
//
// The tool exits 0 whatever it finds, and when asked for a report file it also drops, without a
// word, every file it failed to analyse (a parse error, or one of its checks throwing on a
// TypeScript construct), so that file's findings vanish. That is why this wrapper calls its
// documented programmatic API, which returns those failures, instead of the CLI.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path'

/**
 * Checks skipped by name, as electronegativity's exclusion option takes them (class names, not
 * finding ids), each with the reason. Prefer a reviewed `// eng-disable ID` on the one line.
 */
const excludedChecks: ReadonlyArray<{ check: string; reason: string }> = [
  {
    check: 'AvailableSecurityFixesGlobalCheck',
    reason:
      'It learns the Electron version from a package.json inside the scanned folders and src/ has ' +
      "none, so it can never report here; yet it downloads Electron's release list from GitHub " +
      'on every run, which costs seconds of retries where GitHub is unreachable.',
  },
]

type Finding = {
  id: string
  file: string
  location: { line: number; column: number }
  description: string
  severity: { name: string }
  confidence: { name: string }
  sample?: string
}
type Failure = { file: string; message: string; tolerable: boolean }
type Run = (options: {
  input: string
  output: string
  isSarif: boolean
  isRelative: boolean
  electronVersionOverride: string
  excludeFromScan: string[]
}) => Promise<{ issues: Finding[]; errors: Failure[] }>

const root = resolve(import.meta.dirname, '..')
const workDir = join(root, '.electronegativity')
const stageDir = join(workDir, 'input')
const reportFile = join(workDir, 'electronegativity.sarif')
// The same files the tool's directory loader picks up.
const scannedFile = /(\.(jsx?|tsx?|html?)|package\.json|package-lock\.json|yarn\.lock)$/i

const args = process.argv.slice(2)
const inputs = (args.length > 0 ? args : ['src/main', 'src/preload', 'src/renderer']).map((arg) =>
  resolve(args.length > 0 ? process.cwd() : root, arg),
)
for (const input of inputs) {
  if (args.length > 0 && !(existsSync(input) && statSync(input).isDirectory())) {
    console.error(`check-electronegativity: ${input} is not a folder`)
    process.exit(2)
  }
}

// Global checks (CSP, navigation limits, permission handler) judge the app as a whole, so all the
// folders go into one scan: a copy under one root, laid out like the repo so paths read the same.
rmSync(stageDir, { recursive: true, force: true })
mkdirSync(stageDir, { recursive: true })
const staged: Array<{ name: string; shown: string }> = []
inputs.forEach((input, index) => {
  if (!existsSync(input)) return
  const inRepo = relative(root, input)
  const outside = inRepo.startsWith('..') || isAbsolute(inRepo)
  const name = outside ? join('external', `${index}-${basename(input)}`) : inRepo
  cpSync(input, join(stageDir, name), {
    recursive: true,
    filter: (from) => basename(from) !== 'node_modules',
  })
  const fromCwd = relative(process.cwd(), input)
  staged.push({ name, shown: fromCwd.startsWith('..') ? input : fromCwd || '.' })
})

/** Maps a path inside the staged copy back to the path the person passed in or the repo's. */
function shown(file: string): string {
  const rel = isAbsolute(file) ? relative(stageDir, file) : file
  for (const entry of staged) {
    if (rel === entry.name || rel.startsWith(entry.name + sep)) {
      return join(entry.shown, rel.slice(entry.name.length))
    }
  }
  return rel
}

const files = (readdirSync(stageDir, { recursive: true }) as string[]).filter(
  (file) => scannedFile.test(file) && statSync(join(stageDir, file)).isFile(),
)

const require = createRequire(import.meta.url)
const run = require('@doyensec/electronegativity') as Run
const electron = require('electron/package.json') as { version: string }

// Without the version it assumes Electron 0.1.0 defaults (nodeIntegration on, no isolation).
// The README calls this option `electronVersion`; the code reads `electronVersionOverride`.
const result = await run({
  input: stageDir,
  output: reportFile,
  isSarif: true,
  isRelative: true,
  electronVersionOverride: electron.version,
  excludeFromScan: excludedChecks.map((entry) => entry.check.toLowerCase()),
})

const suppressions = files.flatMap((file) =>
  readFileSync(join(stageDir, file), 'utf8')
    .split('\n')
    .flatMap((line, index) => {
      const match = /eng-disable[ \t]+([\w \t]+)/.exec(line)
      return match ? [`${shown(file)}:${index + 1} ${match[1]!.trim()}`] : []
    }),
)
for (const entry of suppressions) console.log(`electronegativity: suppressed inline: ${entry}`)

const failures = result.errors.filter((error) => !error.tolerable)
for (const error of result.errors.filter((e) => e.tolerable)) {
  console.log(`electronegativity: warning in ${shown(error.file)}: ${error.message}`)
}

if (result.issues.length === 0 && failures.length === 0) {
  console.log(`electronegativity: ${files.length} files scanned, 0 findings`)
} else {
  process.exitCode = 1
  if (result.issues.length > 0) {
    console.error(
      `electronegativity: ${result.issues.length} finding(s) in ${files.length} files scanned:`,
    )
    for (const issue of result.issues) {
      const where =
        issue.file === 'N/A' ? '(whole app)' : `${shown(issue.file)}:${issue.location.line}`
      console.error(
        `  ${issue.id}  ${where}  [${issue.severity.name}/${issue.confidence.name}]  ${issue.description}`,
      )
      if (issue.sample) console.error(`      ${issue.sample}`)
    }
    console.error(
      '  Each check is explained at https://github.com/doyensec/electronegativity/wiki/<ID>. ' +
        'Fix the code, or when a finding is reviewed and safe, end that line with ' +
        '`// eng-disable <ID>` under a comment saying why.',
    )
  }
  if (failures.length > 0) {
    console.error(
      `electronegativity: could not analyse ${failures.length} file(s), so their findings are unknown:`,
    )
    for (const failure of failures) console.error(`  ${shown(failure.file)}: ${failure.message}`)
    console.error(
      '  Its TypeScript support is shallow: write BrowserWindow options as an inline object with ' +
        'literal values (no variables), and use `as` rather than `<T>value` assertions.',
    )
  }
  console.error(`electronegativity: report in ${relative(process.cwd(), reportFile)}`)
}
