import { Injectable, Logger } from '@nestjs/common';
import type { ApiSurface } from '@app/database';
import type { AuthenticatedKey } from '../auth/authenticated-key';
import type { MeteredUsage } from './token-usage';
import { UsageEventSink } from './usage-event.sink';

/** What the gateway knows of a request that reached the upstream. */
export interface MeteredRequest {
  requestId: string;
  key: AuthenticatedKey;
  modelId: string;
  surface: ApiSurface;
  streamed: boolean;
  occurredAt: Date;
  usage: MeteredUsage;
}

/** Hands one usage event per upstream request to the metering queue. */
@Injectable()
export class UsageRecorder {
  private readonly logger = new Logger(UsageRecorder.name);

  constructor(private readonly sink: UsageEventSink) {}

  async record(request: MeteredRequest): Promise<void> {
    try {
      await this.sink.store({
        eventId: request.requestId,
        accountId: request.key.accountId,
        apiKeyId: request.key.keyId,
        modelId: request.modelId,
        surface: request.surface,
        streamed: request.streamed,
        inputTokens: request.usage.inputTokens,
        outputTokens: request.usage.outputTokens,
        cachedInputTokens: request.usage.cachedInputTokens,
        estimated: request.usage.estimated,
        occurredAt: request.occurredAt.toISOString(),
      });
    } catch (error) {
      // Ids and counts only: enough for an operator to re-enter the event by hand.
      this.logger.error(
        `could not enqueue usage event ${request.requestId} (account ${request.key.accountId}, model ${request.modelId}, ` +
          `${request.usage.inputTokens} in / ${request.usage.outputTokens} out): ${(error as Error).message}`,
      );
      throw error;
    }
  }
}
