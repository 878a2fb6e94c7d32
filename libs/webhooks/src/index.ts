export { blockedAddressReason } from './blocked-addresses';
export { pinnedPost } from './pinned-post';
export {
  type CheckedAddress,
  type HostResolver,
  WebhookUrlPolicy,
  WebhookUrlRefused,
} from './webhook-url.policy';
export { WebhooksPolicyModule } from './webhooks-policy.module';
