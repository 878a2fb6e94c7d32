import { Injectable, Logger } from '@nestjs/common';
import type { MeteredUsage } from '@app/llm-formats';
import { noteOnRequest } from '@app/logging';
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
    try {
      await this.sink.store({
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
      });
      noteOnRequest({ cost: call.costOf(usage) });
    } catch (error) {
      // Ids and counts only: enough for an operator to re-enter the event by hand.
      this.logger.error(
        `could not enqueue usage event ${call.requestId} (account ${call.key.accountId}, model ${call.model.id}, ` +
          `${usage.inputTokens} in / ${usage.outputTokens} out): ${(error as Error).message}`,
      );
      throw error;
    }
    // The event is on its way to the worker: its hold now lives until charged or released.
    await this.guard.pin(call.key, call.requestId);
  }

  async abandon(call: InferenceCall): Promise<void> {
    if (call.ended) return;
    call.ended = true;
    await this.guard.release(call.key, call.requestId);
  }
}
