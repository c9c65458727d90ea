import { createClient } from '../../shared/rpc-client.ts'
import { atMost, requestFirstScreen } from './first-requests.ts'
import { createAppStores } from './stores/app-stores.ts'
import { createTransport, isSecretMissing } from './transport.ts'
import './styles.css'

// This entry connects and asks for what the first screen needs; React and the windows (app.tsx,
// a chunk of its own) are read and compiled while the core answers. The window is then drawn
// once, whole, instead of a spinner, then the window, then its rows; a core slower than
// `firstScreenWaitMs` gets "Starting LogAI…" meanwhile.
const firstScreenWaitMs = 300
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
const firstScreen = requestFirstScreen(stores)

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element.')
void Promise.all([import('./app.tsx'), atMost(firstScreen, firstScreenWaitMs)]).then(
  ([{ mountApp }]) => mountApp(root, stores),
)
