import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { defaultClientProfile, type ClientProfile } from '../auth/client-profile.ts'

const clientProfileSchema = z
  .object({
    clientId: z.string().min(1),
    scope: z.string(),
    authMode: z.enum(['exchange', 'direct']),
    editorVersion: z.string().min(1),
    editorPluginVersion: z.string().min(1),
    integrationId: z.string().min(1),
    userAgent: z.string().min(1),
    githubApiVersion: z.string().min(1),
    copilotApiVersion: z.string().min(1),
  })
  .partial()
  .strict()

/** `config.json`; published as resources/config.schema.json for editors. */
export const configSchema = z
  .object({
    $schema: z.string().optional(),
    clientProfile: clientProfileSchema
      .optional()
      .describe('Who LogAI says it is to GitHub and Copilot; every key is optional.'),
    defaultModel: z
      .string()
      .min(1)
      .optional()
      .describe('The model id LogAI picks until the person picks one.'),
    smallModel: z
      .string()
      .min(1)
      .optional()
      .describe('The model id that names conversations until one is picked in Settings.'),
    enterpriseHost: z
      .string()
      .regex(/^([a-z0-9-]+\.)ghe\.com$/i, 'must be a GHE.com tenant such as acme.ghe.com')
      .optional()
      .describe('Your GitHub Enterprise Cloud tenant (acme.ghe.com), offered at sign-in.'),
    caCertificates: z
      .string()
      .min(1)
      .optional()
      .describe(
        'A PEM file of extra root certificates to trust, for a TLS-inspecting corporate proxy.',
      ),
  })
  .passthrough()

/** What `config.json` says, and what was wrong with it when it could not be used. */
export type LoadedConfig = {
  profile: ClientProfile
  defaultModel: string | undefined
  smallModel: string | undefined
  enterpriseHost: string | undefined
  /** A PEM file of extra root certificates to trust. */
  caCertificates: string | undefined
  problem: string | undefined
}

const defaults = {
  profile: defaultClientProfile,
  defaultModel: undefined,
  smallModel: undefined,
  enterpriseHost: undefined,
  caCertificates: undefined,
}

/**
 * Reads `config.json`. A missing file means defaults; an invalid one is reported with the key
 * that is wrong and the defaults are used, without touching the file.
 */
export function loadConfig(path: string): LoadedConfig {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    return { ...defaults, problem: undefined }
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return { ...defaults, problem: `${path} is not valid JSON; using defaults.` }
  }
  const parsed = configSchema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const key = issue?.path.join('.') || '(top level)'
    return {
      ...defaults,
      problem: `${path}: "${key}" ${issue?.message ?? 'is invalid'}; using defaults.`,
    }
  }
  return {
    profile: { ...defaultClientProfile, ...parsed.data.clientProfile },
    defaultModel: parsed.data.defaultModel,
    smallModel: parsed.data.smallModel,
    enterpriseHost: parsed.data.enterpriseHost,
    caCertificates: parsed.data.caCertificates,
    problem: undefined,
  }
}

/** The JSON schema of `config.json` (scripts/write-config-schema.ts writes it to resources/). */
export function configJsonSchema(): unknown {
  return { ...z.toJSONSchema(configSchema, { io: 'input' }), title: 'LogAI config.json' }
}
