import { Injectable, Logger } from '@nestjs/common';
import type { MeteredUsage } from '@app/llm-formats';
import { noteOnRequest } from '@app/logging';
import type { UsageEvent } from '@app/queue';
import type { InferenceCall } from './inference-call';
import { SpendGuardService } from './spend-guard.service';
import { UsageEventSink } from './usage-event.sink';

/**
 * Ends a call with one outcome, once: tokens came back (reported or estimated) → exactly
 * one usage event; nothing came back → the hold is released and nothing is charged.
 */
@Injectable()
export class InferenceFinishService {
  private readonly logger = new Logger(InferenceFinishService.name);

  constructor(
    private readonly sink: UsageEventSink,
    private readonly guard: SpendGuardService,
  ) {}

  async meter(call: InferenceCall, usage: MeteredUsage): Promise<void> {
    if (call.ended) return;
    call.ended = true;
    // The hold is pinned (it lives until the worker charges or releases it) while the event
    // is stored, not after: both are round trips to Redis and the answer waits for them. A
    // pinned hold whose event then fails to store outright is kept until its maximum lifetime.
    const [stored] = await Promise.allSettled([
      this.sink.store(this.usageEventOf(call, usage)),
      this.guard.pin(call.key, call.requestId),
    ]);
    if (stored.status === 'rejected') {
      const error = stored.reason as Error;
      // Ids and counts only: enough for an operator to re-enter the event by hand.
      this.logger.error(
        `could not enqueue usage event ${call.requestId} (account ${call.key.accountId}, model ${call.model.id}, ` +
          `${usage.inputTokens} in / ${usage.outputTokens} out): ${error.message}`,
      );
      throw error;
    }
    noteOnRequest({ cost: call.costOf(usage) });
  }

  private usageEventOf(call: InferenceCall, usage: MeteredUsage): UsageEvent {
    return {
      eventId: call.requestId,
      accountId: call.key.accountId,
      apiKeyId: call.key.keyId,
      modelId: call.model.id,
      provider: call.endpoint.providerId,
      surface: call.request.surface,
      streamed: call.request.streamed,
      inputTokens: usage.inputTokens,
      outputTokens: usage.outputTokens,
      cachedInputTokens: usage.cachedInputTokens,
      cacheWriteInputTokens: usage.cacheWriteInputTokens ?? 0,
      estimated: usage.estimated,
      occurredAt: call.occurredAt.toISOString(),
    };
  }

  async abandon(call: InferenceCall): Promise<void> {
    if (call.ended) return;
    call.ended = true;
    await this.guard.release(call.key, call.requestId);
  }
}
