import { homedir } from 'node:os'
import { fileURLToPath } from 'node:url'
import { app, BrowserWindow, net, powerMonitor, session } from 'electron'
import { createCore, type Core } from '../core/app.ts'
import { createConsoleLog, systemClock } from '../core/ports.ts'
import { createKeychainStore } from '../core/secrets/keychain-store.ts'
import { createMemorySecretStore } from '../core/secrets/memory-store.ts'
import { readEnvironment } from '../core/settings/environment.ts'
import { resolvePaths } from '../core/settings/paths.ts'
import { serveTransport } from '../shared/rpc.ts'
import { appOrigin, handleAppProtocol, registerAppScheme } from './app-protocol.ts'
import { openExternalSafely } from './external-links.ts'
import { createIpcTransport } from './ipc-transport.ts'

const rendererDir = fileURLToPath(new URL('../renderer', import.meta.url))
const preloadFile = fileURLToPath(new URL('../preload/index.cjs', import.meta.url))
const iconFile = fileURLToPath(new URL('../../resources/icon.png', import.meta.url))

app.enableSandbox()
registerAppScheme()

/** Denies what a chat window never needs: navigation, new windows, webviews, permissions. */
function lockDown() {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, grant) =>
    grant(false),
  )
  session.defaultSession.setPermissionCheckHandler(() => false)
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault())
    contents.on('will-redirect', (event) => event.preventDefault())
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.setWindowOpenHandler(({ url }) => {
      openExternalSafely(url)
      return { action: 'deny' }
    })
  })
}

function createWindow(core: Core) {
  const window = new BrowserWindow({
    width: 1100,
    height: 760,
    minWidth: 640,
    minHeight: 480,
    title: 'LogAI',
    icon: iconFile,
    show: false,
    webPreferences: {
      // The preload is the allow-listed bridge in src/preload, bundled with nothing else.
      preload: preloadFile, // eng-disable PRELOAD_JS_CHECK
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    },
  })
  const transport = createIpcTransport(window.webContents, `${appOrigin}/`)
  const stopServing = serveTransport(core.dispatcher, transport)
  const detach = core.hub.attach(transport)
  window.on('closed', () => {
    stopServing()
    detach()
  })
  window.once('ready-to-show', () => window.show())
  void window.loadURL(`${appOrigin}/index.html`)
}

async function main() {
  // A second LogAI would share the database and the keychain item: hand over to the first.
  if (!app.requestSingleInstanceLock()) return app.quit()
  await app.whenReady()
  lockDown()
  handleAppProtocol(rendererDir)
  const env = readEnvironment(process.env)
  const paths = resolvePaths({
    platform: process.platform,
    env: process.env,
    home: homedir(),
    dataDir: env.dataDir,
    userData: app.getPath('userData'),
  })
  const core = createCore({
    env,
    paths,
    // Electron's network stack honours the system proxy settings.
    fetch: (url, init) => net.fetch(url, init),
    clock: systemClock,
    log: createConsoleLog('main'),
    secrets: env.secretStore === 'memory' ? createMemorySecretStore() : createKeychainStore(),
  })
  await core.ready
  // A token that expired while the lid was closed is renewed before anyone sends a message.
  powerMonitor.on('resume', () => core.resume())
  createWindow(core)
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow(core)
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows()
    if (window?.isMinimized()) window.restore()
    window?.focus()
  })
  // Running answers are saved before the process ends.
  let closing = false
  app.on('will-quit', (event) => {
    if (closing) return
    closing = true
    event.preventDefault()
    void core.close().finally(() => app.exit(0))
  })
}

void main().catch((error: unknown) => {
  process.stderr.write(
    `LogAI could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  )
  app.exit(1)
})
