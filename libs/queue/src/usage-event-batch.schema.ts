import { z } from 'zod';
import { usageEventSchema, type UsageEvent } from './usage-event.schema';

/**
 * The most events one job carries. A gateway group-commits what accumulated while its
 * previous write was in flight; past this it starts another job.
 */
export const MAX_EVENTS_PER_JOB = 500;

/**
 * Usage events in one job. Each event is still charged exactly once by its own id (the
 * usage record's primary key), so a batch delivered twice, or one that overlaps an
 * outbox copy, charges nothing twice.
 */
export const usageEventBatchSchema = z.object({
  events: z.array(usageEventSchema).min(1).max(MAX_EVENTS_PER_JOB),
});

/** Parses a batch job's payload; throws a ZodError naming the bad fields. */
export function parseUsageEventBatch(payload: unknown): UsageEvent[] {
  return usageEventBatchSchema.parse(payload).events;
}
