import { parseArgs } from 'node:util'
import { startFakeUpstream } from './index.ts'

// Usage: node e2e/fake-upstream/main.ts [--port N] [--host H]
const { values } = parseArgs({
  options: { port: { type: 'string' }, host: { type: 'string' } },
})
const port = values.port === undefined ? 0 : Number(values.port)
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Invalid --port: ${values.port}`)
  process.exit(2)
}

const upstream = await startFakeUpstream({ port, host: values.host })
console.log(`Fake upstream: ${upstream.url}`)
console.log(`  GitHub:      ${upstream.githubUrl}`)
console.log(`  GitHub API:  ${upstream.githubApiUrl}`)
console.log(`  Copilot API: ${upstream.copilotUrl}`)

const stop = () => {
  upstream.close().then(
    () => process.exit(0),
    () => process.exit(1),
  )
}
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
