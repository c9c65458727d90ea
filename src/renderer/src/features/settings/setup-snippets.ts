/** One ready-to-paste way to point a tool at the local API (issue 6 §1). */
export type SetupSnippet = { tool: string; code: string }

/**
 * Setup for Claude Code (Anthropic base URL and token), the `openai` SDK and curl. The model in
 * the examples is one the account listed, so the first try works.
 */
export function setupSnippets(url: string, apiKey: string, modelId: string): SetupSnippet[] {
  return [
    {
      tool: 'Claude Code',
      code: `ANTHROPIC_BASE_URL=${url} ANTHROPIC_AUTH_TOKEN=${apiKey} claude`,
    },
    {
      tool: 'OpenAI SDK',
      code: [
        "import OpenAI from 'openai'",
        '',
        `const client = new OpenAI({ baseURL: '${url}/v1', apiKey: '${apiKey}' })`,
      ].join('\n'),
    },
    {
      tool: 'curl',
      code: [
        `curl ${url}/v1/chat/completions \\`,
        `  -H 'Authorization: Bearer ${apiKey}' \\`,
        "  -H 'Content-Type: application/json' \\",
        `  -d '{"model": "${modelId}", "messages": [{"role": "user", "content": "Hello"}]}'`,
      ].join('\n'),
    },
  ]
}
