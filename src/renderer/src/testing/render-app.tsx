import { act, render } from '@testing-library/react'
import type { Handlers } from '../../../shared/rpc.ts'
import { App } from '../app.tsx'
import { createAppStores } from '../stores/app-stores.ts'
import { createFakeCore, type FakeCoreOptions } from './fake-core.ts'
import { createManualFrames } from './manual-frames.ts'

/** The whole app against a fake core, signed in unless the handlers say otherwise. */
export async function renderApp(overrides: Partial<Handlers> = {}, options: FakeCoreOptions = {}) {
  const core = createFakeCore(overrides, options)
  const frames = createManualFrames()
  const stores = createAppStores(core.client, { scheduleFrame: frames.scheduleFrame })
  const view = render(<App stores={stores} />)
  await act(() => stores.auth.getState().load())
  return { ...view, core, stores, frames }
}
