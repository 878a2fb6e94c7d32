export { startFakeUpstream } from './fake-upstream.server';
export { DEFAULT_FAKE_UPSTREAM_PORT, fakeUpstreamPort } from './fake-upstream.port';
export { parseDirectives } from './prompt-directives';
export type { PromptDirectives } from './prompt-directives';
export { DEFAULT_REPLY_TEXT } from './fake-upstream.scenario';
export type {
  FakeScenario,
  FakeUpstream,
  FakeUpstreamOptions,
  FakeUsage,
  ReceivedRequest,
} from './fake-upstream.types';
export { startFakeAnthropicUpstream } from './anthropic-upstream.server';
export type {
  FakeAnthropicScenario,
  FakeAnthropicUpstream,
  FakeAnthropicUsage,
} from './anthropic-upstream.types';
