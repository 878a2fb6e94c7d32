import { Queue } from 'bullmq';
import type { AppConfig } from '@app/config';
import { newId } from '@app/database';
import { bullOptions, QueueName, type UsageEvent, UsageEventProducer } from '@app/queue';
import type { TestAccount } from '@app/testing';

/** The usage queue of a test's configuration, and its typed producer. */
export function usageQueue(config: AppConfig): { queue: Queue; producer: UsageEventProducer } {
  const queue = new Queue(QueueName.usageEvents, bullOptions(config));
  return { queue, producer: new UsageEventProducer(queue) };
}

/** A well-formed usage event of the account's key (1,000 in / 500 out on Magistral Medium by default). */
export function usageEvent(account: TestAccount, patch: Partial<UsageEvent> = {}): UsageEvent {
  return {
    eventId: newId('gen'),
    accountId: account.accountId,
    apiKeyId: account.keyId,
    modelId: 'magistral-medium-latest',
    surface: 'openai',
    streamed: false,
    inputTokens: 1000,
    outputTokens: 500,
    cachedInputTokens: 0,
    estimated: false,
    occurredAt: new Date().toISOString(),
    ...patch,
  };
}
