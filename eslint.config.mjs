import { builtinModules } from 'node:module'
import js from '@eslint/js'
import { defineConfig, globalIgnores } from 'eslint/config'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

// The folder fences of docs/style.md ("Fences"). Import specifiers are matched as written, so a
// folder is recognised by a relative path that steps into it (`../core/x.ts`, `../../main`).
const into = (folder) => `^(\\.{1,2}/)+${folder}(/|$)`
const fence = (message, regexes) => regexes.map((regex) => ({ regex, message }))

const noElectron = fence('This layer never touches Electron: go through a port or the contract.', [
  '^electron(/|$)',
])
const noReact = fence('React belongs to src/renderer only.', ['^(react|react-dom)(/|$)'])
const noNode = fence('This code runs in a browser context: no Node built-ins.', [
  `^(node:|(${builtinModules.join('|')})(/|$))`,
])
const noCore = fence('Reach the app through the typed client in src/shared, not src/core.', [
  into('core'),
])
const noMain = fence('src/main is the Electron shell; nothing else may import it.', [into('main')])
const noWeb = fence('src/web is the web host; nothing else may import it.', [into('web')])
const noPreload = fence('src/preload is bundled on its own; nothing may import it.', [
  into('preload'),
])
const noRenderer = fence('src/renderer is a separate bundle; share code through src/shared.', [
  into('renderer'),
])

// Raw IPC lives in exactly two places (style.md example 2); everything else uses the contract.
// `default` is listed so `import electron from 'electron'` cannot reach `electron.ipcMain`.
const noRawIpc = {
  name: 'electron',
  importNames: ['ipcMain', 'ipcRenderer', 'default'],
  message: 'Raw IPC is only for src/main/ipc-transport.ts and src/preload: use the contract.',
}

const restrict = (patterns, paths = []) => ({
  'no-restricted-imports': ['error', { paths, patterns }],
})

// A folder that may import only the listed packages, its own relative files and `others`' rules.
// Its unit tests may also import vitest; flat config replaces a rule's options wholesale rather
// than merging them, so the tests need an entry of their own.
const onlyPackages = ({ folder, packages, message, others }) => {
  const allowing = (names) => fence(message, [`^(?!\\.|(${names.join('|')})(/|$))`])
  return [
    { files: [`${folder}/**`], rules: restrict([...allowing(packages), ...others]) },
    {
      files: [`${folder}/**/*.test.{ts,tsx}`],
      rules: restrict([...allowing([...packages, 'vitest']), ...others]),
    },
  ]
}

const hostPatterns = [...noRenderer, ...noPreload]

export default defineConfig([
  globalIgnores([
    'out/',
    'dist/',
    'node_modules/',
    'test-results/',
    'playwright-report/',
    '.electronegativity/',
  ]),

  js.configs.recommended,
  tseslint.configs.recommended,

  {
    files: ['**/*.{js,mjs,cjs,ts,tsx,mts,cts}'],
    languageOptions: { globals: globals.node },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
        },
      ],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'inline-type-imports' },
      ],
      // electronegativity parses .ts with JSX enabled: `<T>value` reads as a JSX tag and sends the
      // file to its old fallback parser, which fails on newer syntax such as `satisfies`.
      '@typescript-eslint/consistent-type-assertions': ['error', { assertionStyle: 'as' }],
    },
  },
  {
    // Playwright fixtures without dependencies are written `async ({}, use) => ...`.
    files: ['e2e/**'],
    rules: { 'no-empty-pattern': ['error', { allowObjectPatternsAsParameters: true }] },
  },

  ...onlyPackages({
    folder: 'src/shared',
    packages: ['zod'],
    message: 'src/shared may import only zod and files inside src/shared.',
    others: [...noCore, ...noMain, ...noWeb, ...noPreload, ...noRenderer],
  }),
  {
    files: ['src/core/**'],
    rules: restrict([...noElectron, ...noReact, ...noMain, ...noPreload, ...noWeb, ...noRenderer]),
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: globals.browser },
    rules: restrict([...noElectron, ...noNode, ...noCore, ...noMain, ...noWeb, ...noPreload]),
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
  },
  {
    // The window starts without zod (issue 5: its first page painted soon after it opens): the
    // renderer reads the contract's types only, and values through the shared modules listed
    // here, which must not load zod either.
    files: [
      'src/renderer/**/*.{ts,tsx}',
      'src/shared/{channel-names,errors,frames,limits,rpc-client}.ts',
    ],
    ignores: ['src/renderer/**/*.test.{ts,tsx}', 'src/renderer/src/testing/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^zod(/|$)|(^|/)(shared/)?(contract|rpc|error-schema)\\.ts$',
              allowTypeImports: true,
              message:
                'The renderer must start without zod: import types only from here, and values ' +
                'from zod-free modules (rpc-client.ts, frames.ts, errors.ts, limits.ts, channel-names.ts).',
            },
          ],
        },
      ],
    },
  },
  ...onlyPackages({
    folder: 'src/preload',
    packages: ['electron'],
    message: 'src/preload may import only electron and src/shared.',
    others: [...noNode, ...noCore, ...noMain, ...noWeb, ...noRenderer],
  }),
  {
    files: ['src/main/**'],
    rules: restrict(hostPatterns, [noRawIpc]),
  },
  {
    files: ['src/main/ipc-transport.ts'],
    rules: restrict(hostPatterns),
  },
  {
    files: ['src/web/**'],
    rules: restrict([...hostPatterns, ...noElectron]),
  },
])
