import { act, render } from '@testing-library/react'
import type { ReactNode } from 'react'
import { App } from '../app.tsx'
import { createAppStores, type AppStores } from '../stores/app-stores.ts'
import { StoresContext } from '../stores/context.ts'
import { createFakeCore, type FakeCore } from './fake-core.ts'
import { createManualFrames } from './manual-frames.ts'
import type { Handlers } from '../../../shared/rpc.ts'

/** The whole app against a fake core, signed in unless the handlers say otherwise. */
export async function renderApp(overrides: Partial<Handlers> = {}) {
  const core = createFakeCore(overrides)
  const frames = createManualFrames()
  const stores = createAppStores(core.client, { scheduleFrame: frames.scheduleFrame })
  const view = render(<App stores={stores} />)
  await act(() => stores.auth.getState().load())
  return { ...view, core, stores, frames }
}

/** One component inside a store provider. */
export function renderWithStores(ui: ReactNode, core: FakeCore = createFakeCore()) {
  const frames = createManualFrames()
  const stores: AppStores = createAppStores(core.client, { scheduleFrame: frames.scheduleFrame })
  const view = render(<StoresContext value={stores}>{ui}</StoresContext>)
  return { ...view, core, stores, frames }
}
