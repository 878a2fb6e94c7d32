import type { JobsOptions } from 'bullmq';
import { z } from 'zod';

/** One crossing of an account's low-balance threshold, to be told to its webhook. */
export const lowBalanceWebhookSchema = z.object({
  /** Also the job id: one webhook per crossing, however often it is enqueued. */
  eventId: z.string().regex(/^evt_[0-9A-Za-z_]{1,128}$/),
  accountId: z.string().min(1),
  balance: z.string().regex(/^-?\d+(\.\d+)?$/),
  threshold: z.string().regex(/^\d+(\.\d+)?$/),
  occurredAt: z.iso.datetime(),
});

export type LowBalanceWebhook = z.infer<typeof lowBalanceWebhookSchema>;

/** Retried with backoff for about an hour and a half, then kept in the failed set. */
export const webhookJobOptions: JobsOptions = Object.freeze({
  attempts: 12,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 86_400, count: 10_000 },
  removeOnFail: false,
});
