export { QueueName, JobName } from './queue-names';
export { usageEventSchema, parseUsageEvent, type UsageEvent } from './usage-event.schema';
export {
  MAX_EVENTS_PER_JOB,
  parseUsageEventBatch,
  usageEventBatchSchema,
} from './usage-event-batch.schema';
export { usageEventJobOptions } from './job-options';
export { UsageEventProducer } from './usage-event.producer';
export { QueueModule } from './queue.module';
export { bullOptions } from './bull-options';
export {
  lowBalanceWebhookSchema,
  webhookJobOptions,
  type LowBalanceWebhook,
} from './low-balance-webhook.schema';
export { LowBalanceWebhookProducer } from './low-balance-webhook.producer';
