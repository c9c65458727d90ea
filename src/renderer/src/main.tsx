import './zod-jitless.ts'
import { createClient } from '../../shared/rpc.ts'
import { requestFirstScreen } from './first-requests.ts'
import { createAppStores } from './stores/app-stores.ts'
import { createTransport, isSecretMissing } from './transport.ts'
import './styles.css'

// This entry connects and asks for what the first screen needs; React and the windows (app.tsx,
// a chunk of its own) are read and compiled while the core answers.
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
void requestFirstScreen(stores)

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element.')
void import('./app.tsx').then(({ mountApp }) => mountApp(root, stores))
