import { z } from 'zod'

/** LogAI's environment variables (architecture.md, "Configuration by environment"). */
export type Environment = {
  githubUrl: string
  githubApiUrl: string
  /** Overrides the Copilot base URL the token exchange returns (`endpoints.api`). */
  copilotApiUrl: string | undefined
  /** One folder for config, data and state. */
  dataDir: string | undefined
  secretStore: 'keychain' | 'memory'
  webPort: number
  apiPort: number | undefined
  apiKey: string | undefined
}

const baseUrl = z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, ''))
const port = z.coerce.number().int().min(0).max(65_535)

const environmentSchema = z.object({
  LOGAI_GITHUB_URL: baseUrl.default('https://github.com'),
  LOGAI_GITHUB_API_URL: baseUrl.default('https://api.github.com'),
  LOGAI_COPILOT_API_URL: baseUrl.optional(),
  LOGAI_DATA_DIR: z.string().min(1).optional(),
  LOGAI_SECRET_STORE: z.enum(['keychain', 'memory']).default('keychain'),
  LOGAI_WEB_PORT: port.default(0),
  LOGAI_API_PORT: port.optional(),
  LOGAI_API_KEY: z.string().min(16).optional(),
})

/** Reads and checks the variables; a bad value fails with a message that names the variable. */
export function readEnvironment(env: Record<string, string | undefined>): Environment {
  const present = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => key.startsWith('LOGAI_') && value !== ''),
  )
  const parsed = environmentSchema.safeParse(present)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
    throw new Error(`Invalid environment: ${problems.join('; ')}`)
  }
  const e = parsed.data
  return {
    githubUrl: e.LOGAI_GITHUB_URL,
    githubApiUrl: e.LOGAI_GITHUB_API_URL,
    copilotApiUrl: e.LOGAI_COPILOT_API_URL,
    dataDir: e.LOGAI_DATA_DIR,
    secretStore: e.LOGAI_SECRET_STORE,
    webPort: e.LOGAI_WEB_PORT,
    apiPort: e.LOGAI_API_PORT,
    apiKey: e.LOGAI_API_KEY,
  }
}
