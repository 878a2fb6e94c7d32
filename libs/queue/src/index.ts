export { QueueName, JobName } from './queue-names';
export { usageEventSchema, parseUsageEvent, type UsageEvent } from './usage-event.schema';
export {
  MAX_EVENTS_PER_JOB,
  parseUsageEventBatch,
  usageEventBatchSchema,
} from './usage-event-batch.schema';
export { usageEventJobOptions } from './job-options';
export { UsageEventProducer } from './usage-event.producer';
export { QueueInspector, type FailedUsageJob, type UsageQueueState } from './queue.inspector';
export { MaintenanceScheduler, RECONCILE_SCHEDULER_ID } from './maintenance.scheduler';
export { QueueModule } from './queue.module';
export { MaintenanceQueueModule } from './maintenance-queue.module';
export { bullOptions } from './bull-options';
export {
  lowBalanceWebhookSchema,
  webhookJobOptions,
  type LowBalanceWebhook,
} from './low-balance-webhook.schema';
export { LowBalanceWebhookProducer } from './low-balance-webhook.producer';
