import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { createClient } from '../../shared/rpc.ts'
import { App } from './app.tsx'
import { createAppStores } from './stores/app-stores.ts'
import { createTransport, isSecretMissing } from './transport.ts'
import './styles.css'

const transport = createTransport()
const client = createClient(transport)
const stores = createAppStores(client)

const isWebHost = !('logai' in window)
transport.onClose?.(() =>
  stores.notices
    .getState()
    .markConnectionLost(
      isWebHost && isSecretMissing(window.location)
        ? 'This address has no access secret: open the full address the LogAI web host printed.'
        : undefined,
    ),
)
void stores.auth.getState().load()

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element.')
createRoot(root).render(
  <StrictMode>
    <App stores={stores} />
  </StrictMode>,
)
