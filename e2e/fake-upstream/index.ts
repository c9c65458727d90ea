// A fake GitHub (device flow, REST) and Copilot API on one local port, strict where the real
// services are strict (copilot-protocol.md §1, §2, §3, §5, §6, §7, §8, §9, §10.1, §11). Used by
// the core's integration tests, the Playwright specs and `npm run demo`.
export { startFakeUpstream, type FakeUpstream, type FakeUpstreamOptions } from './server.ts'
export {
  defaultAnswer,
  defaultReasoning,
  type ChatFault,
  type DeviceError,
  type MidStreamError,
  type Scenario,
} from './scenario.ts'
export { defaultModels } from './model-catalog.ts'
export { fakeUserBillingPlan } from './copilot-user.ts'
export type { AnswerRoute, FakeEvent, RecordedRequest, StreamCloseReason } from './state.ts'
