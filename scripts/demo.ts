import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startFakeUpstream } from '../e2e/fake-upstream/index.ts'

/**
 * `npm run demo`: LogAI against the fake GitHub and Copilot, so anyone can try it without an
 * account. Sign-in works as on github.com: open the link, type the code, press Authorize.
 */
const fake = await startFakeUpstream({ scenario: { autoApproveAfterPolls: null } })
process.env.LOGAI_GITHUB_URL = fake.githubUrl
process.env.LOGAI_GITHUB_API_URL = fake.githubApiUrl
process.env.LOGAI_SECRET_STORE ??= 'memory'
process.env.LOGAI_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'logai-demo-'))
process.stdout.write(
  `Fake GitHub and Copilot: ${fake.url} (data in ${process.env.LOGAI_DATA_DIR})\n`,
)
process.once('exit', () => void fake.close())
await import('../src/web/serve.ts')
