import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'

/**
 * The built renderer carries a strict CSP meta tag (both hosts also send it as a header). The dev
 * server injects an inline refresh script, so only there the meta tag is dropped.
 */
const dropCspMetaInDev: Plugin = {
  name: 'logai-drop-csp-meta-in-dev',
  apply: 'serve',
  transformIndexHtml: (html) =>
    html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>/, ''),
}

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          // The history's worker thread (src/core/sessions/store-client.ts starts it by this name,
          // beside the main bundle).
          'session-worker': resolve('src/core/sessions/store-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can require only a few Electron modules: bundle everything it uses
      // (the contract's channel names) into one CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    plugins: [react(), dropCspMetaInDev],
    build: {
      // electron-vite leaves bundles unminified; the renderer is parsed on every window open.
      minify: true,
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
  },
})
