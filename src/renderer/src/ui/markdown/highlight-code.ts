import hljs from 'highlight.js/lib/core'
import bash from 'highlight.js/lib/languages/bash'
import c from 'highlight.js/lib/languages/c'
import cpp from 'highlight.js/lib/languages/cpp'
import csharp from 'highlight.js/lib/languages/csharp'
import css from 'highlight.js/lib/languages/css'
import diff from 'highlight.js/lib/languages/diff'
import go from 'highlight.js/lib/languages/go'
import java from 'highlight.js/lib/languages/java'
import javascript from 'highlight.js/lib/languages/javascript'
import json from 'highlight.js/lib/languages/json'
import markdown from 'highlight.js/lib/languages/markdown'
import python from 'highlight.js/lib/languages/python'
import rust from 'highlight.js/lib/languages/rust'
import shell from 'highlight.js/lib/languages/shell'
import sql from 'highlight.js/lib/languages/sql'
import typescript from 'highlight.js/lib/languages/typescript'
import xml from 'highlight.js/lib/languages/xml'
import yaml from 'highlight.js/lib/languages/yaml'

// Loaded with a dynamic import the first time a finished fence names a language, so the app's
// start does not pay for it. The languages models write most; each brings its usual aliases
// (ts, js, py, sh, zsh, golang, rs, cs, c++, html, svg, yml, patch, md, console, …).
const highlighter = hljs.newInstance()
const languages = {
  bash,
  c,
  cpp,
  csharp,
  css,
  diff,
  go,
  java,
  javascript,
  json,
  markdown,
  python,
  rust,
  shell,
  sql,
  typescript,
  xml,
  yaml,
}
for (const [name, language] of Object.entries(languages)) {
  highlighter.registerLanguage(name, language)
}

/** The languages registered here, by their main names (warm-up.ts compiles each ahead of use). */
export const languageNames: readonly string[] = Object.keys(languages)

/**
 * Code as escaped HTML whose tokens are `<span class="hljs-…">` (classes only: the CSP forbids
 * inline styles); undefined for a language it does not know, which then stays plain.
 */
export function highlightCode(code: string, language: string): string | undefined {
  if (!highlighter.getLanguage(language)) return undefined
  return highlighter.highlight(code, { language, ignoreIllegals: true }).value
}
