/**
 * Queue and job names. FROZEN: these strings are keys in Redis; renaming one strands
 * every job already queued under the old name. Add new names, never change these.
 */
export const QueueName = Object.freeze({
  usageEvents: 'usage-events',
  maintenance: 'maintenance',
  webhooks: 'webhooks',
} as const);

export const JobName = Object.freeze({
  priceUsageEvent: 'price-usage-event',
  /** Many usage events in one job: what a gateway group-commits under load. */
  priceUsageEvents: 'price-usage-events',
  reconcile: 'reconcile',
  maintainUsagePartitions: 'maintain-usage-partitions',
  lowBalanceWebhook: 'low-balance-webhook',
} as const);
