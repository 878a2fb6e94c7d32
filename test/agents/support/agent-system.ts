import Decimal from 'decimal.js';
import type { FakeScenario, FakeUsage } from '@app/fake-upstream';
import { waitFor } from '@app/testing';
import { fundedCustomer } from '../../support/customer';
import { startSystem, type TestSystem } from '../../support/system';

/** The model every agent test calls: Magistral Medium, $2 in / $5 out per million tokens. */
export const AGENT_MODEL = 'magistral-medium-latest';
const STARTING_BALANCE = '10';

export type Customer = Awaited<ReturnType<typeof fundedCustomer>>;

/**
 * What the fake upstream is told to answer, each answer with token counts of its own, so
 * that the charges can be matched one to one with the upstream calls that caused them.
 */
export class UpstreamScript {
  private readonly queued: FakeUsage[] = [];
  private serial = 0;
  readonly fallbackText: string;
  readonly fallbackUsage: FakeUsage;

  constructor(
    private readonly system: TestSystem,
    fallbackText: string,
  ) {
    this.fallbackText = fallbackText;
    this.fallbackUsage = this.nextUsage();
    // Any call beyond the scripted ones (an agent's side request) answers plain text,
    // never a tool call, so no agent can loop.
    system.upstream.setDefault({ kind: 'reply', text: fallbackText, usage: this.fallbackUsage });
  }

  /** Queues a text answer. */
  reply(text: string): this {
    return this.push({ kind: 'reply', text, usage: this.nextUsage() });
  }

  /** Queues a call of the client's tool `name` with JSON `args`. */
  toolCall(name: string, args: object): this {
    return this.push({
      kind: 'tool_call',
      name,
      arguments: JSON.stringify(args),
      usage: this.nextUsage(),
    });
  }

  /** The chat completions the upstream received so far, in order. */
  upstreamCalls(): Array<Record<string, any>> {
    return this.system.upstream.requests
      .filter((r) => r.method === 'POST' && r.path.startsWith('/v1/chat/completions'))
      .map((r) => r.body as Record<string, any>);
  }

  /** Usage the upstream reported for each call received, in order. */
  reportedUsage(): FakeUsage[] {
    const calls = this.upstreamCalls().length;
    return Array.from({ length: calls }, (_, i) => this.queued[i] ?? this.fallbackUsage);
  }

  private push(scenario: FakeScenario & { usage: FakeUsage }): this {
    this.queued.push(scenario.usage);
    this.system.upstream.enqueue(scenario);
    return this;
  }

  // Distinct, recognisable counts per answer: 1 000 + 37 n prompt tokens, 10 + n completion.
  private nextUsage(): FakeUsage {
    this.serial += 1;
    return { promptTokens: 1000 + 37 * this.serial, completionTokens: 10 + this.serial };
  }
}

/** A booted system (gateway, worker, fake upstream) with one funded customer. */
export async function startAgentSystem(): Promise<{ system: TestSystem; customer: Customer }> {
  const system = await startSystem();
  const customer = await fundedCustomer(system, STARTING_BALANCE);
  return { system, customer };
}

/** A fresh customer and script for one test, on a shared system. */
export async function freshCustomer(system: TestSystem, fallbackText: string) {
  system.upstream.reset();
  const customer = await fundedCustomer(system, STARTING_BALANCE);
  return { customer, script: new UpstreamScript(system, fallbackText) };
}

/**
 * Checks that every upstream call was charged exactly once, at the token counts the
 * upstream reported, at the model's price, with one ledger entry each, and that the
 * balance moved by exactly their sum. Returns the number of upstream calls.
 */
export async function expectChargedPerUpstreamCall(
  system: TestSystem,
  customer: Customer,
  script: UpstreamScript,
): Promise<number> {
  const reported = script.reportedUsage();
  expect(reported.length).toBeGreaterThan(0);
  const records = await waitFor(`${reported.length} priced usage records`, async () => {
    const found = await system.prisma.usageRecord.findMany({
      where: { accountId: customer.accountId },
      include: { price: true },
    });
    return found.length >= reported.length ? found : undefined;
  });
  // The ledger keeps the usage record's id (no relation: usage is partitioned by month).
  const entries = await system.prisma.ledgerEntry.findMany({
    where: { usageRecordId: { in: records.map((record) => record.id) } },
  });
  const ledgerEntry = new Map(entries.map((entry) => [entry.usageRecordId, entry]));
  const key = (input: number | bigint, output: number | bigint) => `${input}/${output}`;
  expect(records.map((r) => key(r.inputTokens, r.outputTokens)).sort()).toEqual(
    reported.map((u) => key(u.promptTokens, u.completionTokens)).sort(),
  );
  let total = new Decimal(0);
  for (const record of records) {
    expect(record.estimated).toBe(false);
    expect(record.modelId).toBe(AGENT_MODEL);
    const cost = new Decimal(record.inputTokens.toString())
      .times(record.price.inputPerMillion.toString())
      .plus(
        new Decimal(record.outputTokens.toString()).times(record.price.outputPerMillion.toString()),
      )
      .dividedBy(1_000_000);
    expect(record.cost.toString()).toBe(cost.toString());
    expect(ledgerEntry.get(record.id)?.amount.toString()).toBe(cost.negated().toString());
    total = total.plus(cost);
  }
  expect(await customer.balance()).toBe(new Decimal(STARTING_BALANCE).minus(total).toString());
  return reported.length;
}
