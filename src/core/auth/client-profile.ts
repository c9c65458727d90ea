/**
 * Who LogAI says it is to GitHub and Copilot. Kept as data so that a retired header value
 * (HTTP 466, copilot-protocol.md §5.2) or another OAuth app is a config change, not a release.
 */
export type ClientProfile = {
  /** OAuth client id for the device flow (§1.6): the Copilot plugin's GitHub App. */
  clientId: string
  scope: string
  /** `exchange`: GitHub token → short-lived Copilot token (§2); `direct`: GitHub token as bearer (§2.5). */
  authMode: 'exchange' | 'direct'
  editorVersion: string
  editorPluginVersion: string
  integrationId: string
  userAgent: string
  /** `X-GitHub-Api-Version` for the token exchange and user calls (§2.1). */
  githubApiVersion: string
  /** `X-GitHub-Api-Version` for Copilot API calls (§5.2). */
  copilotApiVersion: string
}

/** The profile LogAI uses unless `config.json` overrides a value. */
export const defaultClientProfile: ClientProfile = {
  clientId: 'Iv1.b507a08c87ecfe98',
  scope: 'read:user',
  authMode: 'exchange',
  editorVersion: 'vscode/1.106.0',
  editorPluginVersion: 'copilot-chat/0.33.0',
  integrationId: 'vscode-chat',
  userAgent: 'GitHubCopilotChat/0.33.0',
  githubApiVersion: '2025-04-01',
  copilotApiVersion: '2025-05-01',
}

/** What every GitHub REST call sends (§2.1, §3): the token, JSON, the API version, who we are. */
export function githubApiHeaders(
  githubToken: string,
  profile: ClientProfile,
): Record<string, string> {
  return {
    Authorization: `token ${githubToken}`,
    Accept: 'application/json',
    'X-GitHub-Api-Version': profile.githubApiVersion,
    'User-Agent': profile.userAgent,
  }
}

/** The editor identity headers the Copilot API demands with exchanged tokens (§0, §5.2). */
export function editorHeaders(profile: ClientProfile): Record<string, string> {
  return {
    'Editor-Version': profile.editorVersion,
    'Editor-Plugin-Version': profile.editorPluginVersion,
    'Copilot-Integration-Id': profile.integrationId,
    'User-Agent': profile.userAgent,
  }
}
