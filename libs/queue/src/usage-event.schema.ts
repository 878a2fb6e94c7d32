import { z } from 'zod';

const tokenCount = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/**
 * A metered request, as the gateway hands it to the worker. `eventId` is also the
 * usage record's id and the response id the customer sees: the worker's unique key
 * that makes a second delivery a no-op.
 */
export const usageEventSchema = z
  .object({
    eventId: z.string().regex(/^gen_[0-9A-Za-z]{8,64}$/),
    accountId: z.string().min(1),
    apiKeyId: z.string().min(1),
    modelId: z.string().min(1),
    /**
     * The provider that served the request: it is charged at that provider's price.
     * Absent in events of gateways that predate routing: the model's first endpoint.
     */
    provider: z.string().min(1).optional(),
    surface: z.enum(['openai', 'anthropic', 'responses', 'embeddings']),
    streamed: z.boolean(),
    inputTokens: tokenCount,
    outputTokens: tokenCount,
    cachedInputTokens: tokenCount,
    /**
     * Input tokens written to the provider's cache, charged at the cache-write rate. Absent
     * in events of older gateways: none.
     */
    cacheWriteInputTokens: tokenCount.optional(),
    /** True when the upstream reported no usage and the gateway estimated the counts. */
    estimated: z.boolean(),
    /** When the request was made: it is priced with the price in effect then. */
    occurredAt: z.iso.datetime(),
  })
  .refine((event) => event.cachedInputTokens <= event.inputTokens, {
    message: 'cachedInputTokens cannot exceed inputTokens',
    path: ['cachedInputTokens'],
  })
  .refine(
    (event) => event.cachedInputTokens + (event.cacheWriteInputTokens ?? 0) <= event.inputTokens,
    {
      message: 'cachedInputTokens + cacheWriteInputTokens cannot exceed inputTokens',
      path: ['cacheWriteInputTokens'],
    },
  );

export type UsageEvent = z.infer<typeof usageEventSchema>;

/** Parses a payload from the queue; throws a ZodError naming the bad fields. */
export function parseUsageEvent(payload: unknown): UsageEvent {
  return usageEventSchema.parse(payload);
}
