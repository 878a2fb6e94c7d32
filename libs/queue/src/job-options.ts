import type { JobsOptions } from 'bullmq';

/**
 * Defaults for usage events. Failed jobs are kept (removeOnFail: false) so that nothing
 * is lost silently: an operator sees and retries them. Completed jobs are trimmed.
 */
export const usageEventJobOptions: JobsOptions = Object.freeze({
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 3600, count: 10_000 },
  removeOnFail: false,
});
