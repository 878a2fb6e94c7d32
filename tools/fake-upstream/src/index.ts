export { startFakeUpstream } from './fake-upstream.server';
export { DEFAULT_REPLY_TEXT } from './fake-upstream.scenario';
export type {
  FakeScenario,
  FakeUpstream,
  FakeUpstreamOptions,
  FakeUsage,
  ReceivedRequest,
} from './fake-upstream.types';
