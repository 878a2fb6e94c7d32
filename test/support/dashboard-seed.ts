import { createHash } from 'node:crypto';
import { newId, randomBase62 } from '@app/database';
import { insertAccountWithKey, type TestAccount, waitFor } from '@app/testing';
import { usageEvent, usageQueue } from './usage-events';
import type { TestSystem } from './system';

const DAY_MS = 86_400_000;

/**
 * An account whose dashboard has something to show: a management key and two inference
 * keys, and requests on three models spread over the last four weeks, priced by the real
 * worker from the usage queue.
 */
export async function accountWithSpend(
  system: TestSystem,
  options: { balance?: string; requests?: number } = {},
): Promise<TestAccount & { keyIds: string[]; requests: number }> {
  const account = await insertAccountWithKey(system.prisma, {
    balance: options.balance ?? '25',
    scope: 'management',
  });
  await system.prisma.account.update({
    where: { id: account.accountId },
    data: { name: 'Ada Lovelace Labs' },
  });
  await system.prisma.apiKey.update({ where: { id: account.keyId }, data: { name: 'admin' } });
  const keyIds = [account.keyId];
  for (const name of ['backend', 'notebooks']) {
    const id = newId('key');
    const secret = `kr-${randomBase62(48)}`;
    await system.prisma.apiKey.create({
      data: {
        id,
        accountId: account.accountId,
        name,
        keyHash: createHash('sha256').update(secret).digest('hex'),
        prefix: secret.slice(0, 10),
      },
    });
    keyIds.push(id);
  }
  const models = ['magistral-medium-latest', 'codestral-latest', 'ministral-8b-latest'];
  const count = options.requests ?? 60;
  const { queue, producer } = usageQueue(system.config);
  try {
    for (let i = 0; i < count; i++) {
      // A deterministic spread: busier recent days, every model and key used.
      const daysAgo = Math.floor(((i * 7) % count) / (count / 27));
      await producer.enqueue(
        usageEvent(
          { ...account, keyId: keyIds[1 + (i % 2)] },
          {
            modelId: models[i % 3],
            apiKeyId: keyIds[i % 5 === 0 ? 0 : 1 + (i % 2)],
            inputTokens: 2_000 + ((i * 7919) % 30_000),
            outputTokens: 300 + ((i * 104729) % 4_000),
            occurredAt: new Date(Date.now() - daysAgo * DAY_MS - (i % 7) * 3_600_000).toISOString(),
          },
        ),
      );
    }
  } finally {
    await queue.close();
  }
  await waitFor(
    `${count} priced usage records`,
    async () => {
      const priced = await system.prisma.usageRecord.count({
        where: { accountId: account.accountId },
      });
      return priced >= count ? priced : undefined;
    },
    30_000,
  );
  return { ...account, keyIds, requests: count };
}
