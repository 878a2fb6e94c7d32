import { adminClient } from './support/admin-client';
import { startSystem, type TestSystem } from './support/system';

describe('admin credits are idempotent', () => {
  let system: TestSystem;
  let admin: ReturnType<typeof adminClient>;

  beforeAll(async () => {
    system = await startSystem({ worker: false });
    admin = adminClient(system.gateway.url);
  });
  afterAll(async () => {
    await system.stop();
  });

  const balanceOf = async (accountId: string) =>
    (await admin.getAccount(accountId)).body.balance as string;

  it('applies a retried top-up once and answers it the same way', async () => {
    const account = await admin.createAccount();
    const first = await admin.credit(account.id, '25.50', 'retry-me');
    const second = await admin.credit(account.id, '25.50', 'retry-me');
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(await balanceOf(account.id)).toBe('25.5');
  });

  it('refuses the same key with another body (409) and changes nothing', async () => {
    const account = await admin.createAccount();
    await admin.credit(account.id, '1', 'same-key');
    const conflict = await admin.credit(account.id, '2', 'same-key');
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.code).toBe('idempotency_conflict');
    expect(await balanceOf(account.id)).toBe('1');
  });

  it('applies twenty concurrent retries of one top-up exactly once', async () => {
    const account = await admin.createAccount();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => admin.credit(account.id, '3.000000000000000001', 'burst')),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(await balanceOf(account.id)).toBe('3.000000000000000001');
    expect(await system.prisma.ledgerEntry.count({ where: { accountId: account.id } })).toBe(1);
  });

  it('keeps balance equal to the sum of the ledger across several top-ups', async () => {
    const account = await admin.createAccount();
    for (const [amount, key] of [
      ['0.1', 'a'],
      ['0.2', 'b'],
      ['0.0000001', 'c'],
    ]) {
      expect((await admin.credit(account.id, amount, key)).status).toBe(201);
    }
    expect(await balanceOf(account.id)).toBe('0.3000001');
    const entries = await system.prisma.ledgerEntry.findMany({
      where: { accountId: account.id },
      orderBy: { id: 'asc' },
    });
    expect(entries.map((e) => e.balanceAfter.toString())).toEqual(['0.1', '0.3', '0.3000001']);
  });

  it('shows an account with its balance and issues a key once', async () => {
    const account = await admin.createAccount('Grace');
    expect(account).toMatchObject({
      object: 'account',
      name: 'Grace',
      balance: '0',
      spent_total: '0',
      currency: 'usd',
    });
    const key = await admin.createKey(account.id, 'management');
    expect(key.key).toMatch(/^kr-[0-9A-Za-z]{48}$/);
    expect(key).toMatchObject({ scope: 'management', prefix: key.key.slice(0, 10) });
    const stored = await system.prisma.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(stored.keyHash).not.toContain(key.key);
    expect(JSON.stringify(stored)).not.toContain(key.key);
  });
});
