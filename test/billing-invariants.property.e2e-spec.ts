import fc from 'fast-check';
import Redis from 'ioredis';
import {
  type PrismaService,
  ReconciliationRepository,
  UsagePartitionRepository,
} from '@app/database';
import { costOf, formatMoney, Money, toMoney } from '@app/pricing';
import { insertAccountWithKey, resetDatabase, type TestAccount, waitFor } from '@app/testing';
import { formatReport, Reconciler } from '../apps/worker/src/reconciliation/reconciler';
import { UsageChargeService } from '../apps/worker/src/metering/usage-charge.service';
import { seedCatalogue } from '../prisma/seed/seed-catalogue';
import { SEED_MODELS, SEED_PRICES_EFFECTIVE_FROM } from '../prisma/seed/catalogue.data';
import { adminClient } from './support/admin-client';
import { type RunningGateway, startGateway } from './support/boot';
import { startSystem, type TestSystem } from './support/system';
import { usageEvent } from './support/usage-events';

const MODELS = ['magistral-medium-latest', 'ministral-3b-latest'];
const HOUR = 3_600_000;
// Events and prices fall around the seed prices' start: some before it (unpriced).
const BASE = SEED_PRICES_EFFECTIVE_FROM.getTime();

type Command =
  | { kind: 'top-up'; account: number; cents: number; key: number }
  | {
      kind: 'usage';
      account: number;
      model: number;
      input: number;
      output: number;
      hour: number;
      copies: number;
      split: boolean;
    }
  | { kind: 'price'; model: number; hour: number; input: string; output: string };

const decimal = fc
  .tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 999_999 }))
  .map(([whole, fraction]) => `${whole}.${String(fraction).padStart(6, '0')}`);

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({
    kind: fc.constant('top-up' as const),
    account: fc.nat(2),
    cents: fc.integer({ min: 1, max: 100_000 }),
    key: fc.nat(5),
  }),
  fc.record({
    kind: fc.constant('usage' as const),
    account: fc.nat(2),
    model: fc.nat(1),
    input: fc.nat(100_000),
    output: fc.nat(100_000),
    hour: fc.integer({ min: -48, max: 240 }),
    copies: fc.integer({ min: 1, max: 3 }),
    split: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('price' as const),
    model: fc.nat(1),
    hour: fc.integer({ min: -24, max: 240 }),
    input: decimal,
    output: decimal,
  }),
);

/**
 * Random interleavings of top-ups (retried with the same Idempotency-Key), usage events
 * (delivered several times, in one batch or apart) and price changes; after each run,
 * every invariant of API.md is checked against an independent model of what should be.
 */
describe('billing invariants under random interleavings', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startSystem();
  });
  afterAll(async () => {
    await system.stop();
  });

  it('keeps balance = ledger, charges each event once at the price of its time, never prices at $0', async () => {
    const admin = adminClient(system.gateway.url);
    const charges = system.worker!.get(UsageChargeService);
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 25 }), async (commands) => {
        await resetDatabase(system.prisma);
        await seedCatalogue(system.prisma);
        const accounts: TestAccount[] = [];
        for (let i = 0; i < 3; i++) accounts.push(await insertAccountWithKey(system.prisma));
        const prices = new Map(
          MODELS.map((model) => [model, [{ from: BASE, ...seedRates(model) }]]),
        );
        const expected = new Map(accounts.map((a) => [a.accountId, new Money(0)]));
        const appliedTopUps = new Set<string>();
        const expectedCosts = new Map<string, string>();

        for (const c of commands) {
          if (c.kind === 'top-up') {
            const account = accounts[c.account];
            const amount = formatMoney(new Money(c.cents).dividedBy(100));
            const key = `${account.accountId}-${c.key}-${amount}`;
            const answer = await admin.credit(account.accountId, amount, key);
            expect(answer.status).toBe(201);
            if (!appliedTopUps.has(key)) {
              appliedTopUps.add(key);
              expected.set(account.accountId, expected.get(account.accountId)!.plus(amount));
            }
          } else if (c.kind === 'price') {
            const model = MODELS[c.model];
            const from = BASE + c.hour * HOUR;
            if (prices.get(model)!.some((p) => p.from === from)) continue;
            await system.prisma.price.create({
              data: {
                id: `price_p${Math.random().toString(36).slice(2)}`,
                modelId: model,
                providerId: 'mistral',
                inputPerMillion: c.input,
                outputPerMillion: c.output,
                effectiveFrom: new Date(from),
              },
            });
            prices
              .get(model)!
              .push({ from, input: new Money(c.input), output: new Money(c.output) });
          } else {
            const account = accounts[c.account];
            const model = MODELS[c.model];
            const event = usageEvent(account, {
              modelId: model,
              inputTokens: c.input,
              outputTokens: c.output,
              occurredAt: new Date(BASE + c.hour * HOUR).toISOString(),
            });
            const deliveries = Array.from({ length: c.copies }, () => event);
            const outcomes = c.split
              ? await Promise.all(deliveries.map((e) => charges.chargeBatch([e])))
              : [await charges.chargeBatch(deliveries)];
            const price = priceAt(prices.get(model)!, BASE + c.hour * HOUR);
            const results = outcomes.map((o) => o.get(event.eventId));
            if (!price) {
              expect(results.every((r) => r instanceof Error)).toBe(true);
              continue;
            }
            expect(results.filter((r) => r === 'charged')).toHaveLength(1);
            const cost = costOf(
              { inputTokens: c.input, outputTokens: c.output },
              { inputPerMillion: price.input, outputPerMillion: price.output },
            );
            expectedCosts.set(event.eventId, formatMoney(cost));
            expected.set(account.accountId, expected.get(account.accountId)!.minus(cost));
          }
        }

        // 1. balance = sum(ledger), and equals the model's.
        for (const account of accounts) {
          const row = await system.prisma.account.findUniqueOrThrow({
            where: { id: account.accountId },
          });
          expect(formatMoney(toMoney(row.balance))).toBe(
            formatMoney(expected.get(account.accountId)!),
          );
        }
        // 2 and 3. each event charged once, at the price in effect at its time; none at $0 for want of a price.
        const records = await system.prisma.usageRecord.findMany();
        expect(records).toHaveLength(expectedCosts.size);
        for (const record of records)
          expect(formatMoney(new Money(record.cost.toString()))).toBe(expectedCosts.get(record.id));
        // Everything else the reconciler checks (ledger chain, one entry per record, spend totals).
        // The events are dated months back: the maintenance job gives their months partitions.
        await new UsagePartitionRepository(
          system.prisma as unknown as PrismaService,
        ).adoptDefaultRows();
        const redis = new Redis(system.config.redis.url);
        try {
          const report = await new Reconciler(
            new ReconciliationRepository(system.prisma),
            new UsagePartitionRepository(system.prisma as unknown as PrismaService),
            redis,
            system.config.redis.prefix,
            undefined,
          ).run();
          expect(formatReport(report)).toContain('reconciliation OK');
        } finally {
          redis.disconnect();
        }
      }),
      { numRuns: 15 },
    );
  }, 120_000);
});

type LimitCommand =
  | { kind: 'burst'; key: number; requests: number; extraTokens: number }
  | { kind: 'worker'; up: boolean }
  | { kind: 'top-up'; cents: number };

const limitCommand: fc.Arbitrary<LimitCommand> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('burst' as const),
      key: fc.nat(2),
      requests: fc.integer({ min: 1, max: 10 }),
      extraTokens: fc.nat(1_000),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('worker' as const), up: fc.boolean() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('top-up' as const),
      cents: fc.integer({ min: 1, max: 3 }),
    }),
  },
);

const keyLimits = fc.record({
  spend_limit: fc.option(
    fc.integer({ min: 2, max: 30 }).map((mils) => formatMoney(new Money(mils).dividedBy(1000))),
  ),
  spend_limit_period: fc.constantFrom(null, 'day', 'week', 'month'),
  requests_per_minute: fc.option(fc.integer({ min: 2, max: 20 })),
  tokens_per_minute: fc.option(fc.integer({ min: 2_000, max: 20_000 })),
});

/**
 * Random bursts of concurrent requests on two gateways, through keys with random limits
 * set by the customer, while the worker goes down and comes back and the account is topped
 * up: no account and no key ever spends past its limit. The upstream reports at most the
 * input bound the hold counted (one input token) and exactly the output it was allowed, so
 * the documented estimate error is zero here and the bounds are exact.
 */
describe('money bounds under concurrent admissions, key limits and worker outages', () => {
  let system: TestSystem;
  let second: RunningGateway;

  beforeAll(async () => {
    system = await startSystem();
    second = await startGateway(system.config);
  });
  afterAll(async () => {
    await second.close();
    await system.stop();
  });

  it('keeps every account within its balance and every key within its limit', async () => {
    const admin = adminClient(system.gateway.url);
    const messages = [{ role: 'user', content: 'Hello' }];
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 50, max: 1_500 }),
        fc.array(keyLimits, { minLength: 3, maxLength: 3 }),
        fc.array(limitCommand, { minLength: 1, maxLength: 12 }),
        async (cents, completion, limits, commands) => {
          await system.startWorker();
          system.upstream.reset();
          system.upstream.setDefault({
            kind: 'reply',
            usage: { promptTokens: 1, completionTokens: completion },
          });
          const credits = new Money(cents).dividedBy(100);
          const manager = await insertAccountWithKey(system.prisma, {
            balance: formatMoney(credits),
            scope: 'management',
          });
          const keys: Array<{ id: string; key: string }> = [];
          for (const limit of limits) {
            const created = await fetch(`${system.gateway.url}/v1/keys`, {
              method: 'POST',
              headers: {
                authorization: `Bearer ${manager.key}`,
                'content-type': 'application/json',
              },
              body: JSON.stringify({ name: 'property', ...limit }),
            });
            expect(created.status).toBe(201);
            const body = (await created.json()) as { id: string; key: string };
            keys.push({ id: body.id, key: body.key });
          }
          let admitted = 0;
          let topUps = new Money(0);
          for (const [i, c] of commands.entries()) {
            if (c.kind === 'worker') {
              if (c.up) await system.startWorker();
              else await system.stopWorker();
            } else if (c.kind === 'top-up') {
              const amount = new Money(c.cents).dividedBy(100);
              const answer = await admin.credit(
                manager.accountId,
                formatMoney(amount),
                `p-${manager.accountId}-${i}`,
              );
              expect(answer.status).toBe(201);
              topUps = topUps.plus(amount);
            } else {
              const answers = await Promise.all(
                Array.from({ length: c.requests }, (_, r) =>
                  fetch(`${r % 2 ? second.url : system.gateway.url}/v1/chat/completions`, {
                    method: 'POST',
                    headers: {
                      authorization: `Bearer ${keys[c.key].key}`,
                      'content-type': 'application/json',
                    },
                    body: JSON.stringify({
                      model: 'magistral-medium-latest',
                      messages,
                      max_tokens: completion + c.extraTokens,
                    }),
                  }),
                ),
              );
              for (const answer of answers) {
                expect([200, 402, 403, 429]).toContain(answer.status);
                await answer.arrayBuffer();
              }
              admitted += answers.filter((answer) => answer.status === 200).length;
            }
          }
          // No upstream work but the admitted requests', each charged once.
          expect(system.upstream.requests).toHaveLength(admitted);
          await system.startWorker();
          await waitFor(
            `${admitted} priced requests`,
            async () =>
              (await system.prisma.usageRecord.count({
                where: { accountId: manager.accountId },
              })) === admitted
                ? true
                : undefined,
            30_000,
          );
          const account = await system.prisma.account.findUniqueOrThrow({
            where: { id: manager.accountId },
          });
          // The account spent no more than it was credited.
          expect(toMoney(account.balance).gte(0)).toBe(true);
          expect(formatMoney(toMoney(account.balance))).toBe(
            formatMoney(
              credits
                .plus(topUps)
                .minus(
                  costOf(
                    { inputTokens: admitted, outputTokens: admitted * completion },
                    { inputPerMillion: new Money(2), outputPerMillion: new Money(5) },
                  ),
                ),
            ),
          );
          // No key spent past its limit, in its window or for ever (the run is within one day).
          for (const [i, key] of keys.entries()) {
            const limit = limits[i].spend_limit;
            if (limit === null) continue;
            const stored = await system.prisma.apiKey.findUniqueOrThrow({ where: { id: key.id } });
            expect({
              key: i,
              spent: stored.spentTotal.toString(),
              ok: toMoney(stored.spentTotal).lte(limit),
            }).toEqual({ key: i, spent: stored.spentTotal.toString(), ok: true });
          }
          await waitFor('the holds to be released', async () => {
            const held = await fetch(`${system.gateway.url}/v1/account`, {
              headers: { authorization: `Bearer ${manager.key}` },
            });
            const body = (await held.json()) as { available: string; balance: string };
            return body.available === body.balance ? true : undefined;
          });
          const redis = new Redis(system.config.redis.url);
          try {
            const report = await new Reconciler(
              new ReconciliationRepository(system.prisma),
              new UsagePartitionRepository(system.prisma as unknown as PrismaService),
              redis,
              system.config.redis.prefix,
              undefined,
            ).run();
            expect(formatReport(report)).toContain('reconciliation OK');
          } finally {
            redis.disconnect();
          }
        },
      ),
      { numRuns: 8 },
    );
  }, 300_000);
});

function seedRates(model: string) {
  const seed = SEED_MODELS.find((m) => m.id === model)!;
  return { input: new Money(seed.inputPerMillion), output: new Money(seed.outputPerMillion) };
}

function priceAt(prices: Array<{ from: number; input: Money; output: Money }>, at: number) {
  return prices.filter((p) => p.from <= at).sort((a, b) => b.from - a.from)[0];
}
