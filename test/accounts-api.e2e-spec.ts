import { insertAccountWithKey, type TestAccount } from '@app/testing';
import { fundedCustomer } from './support/customer';
import { UsageChargeService } from '../apps/worker/src/metering/usage-charge.service';
import { startSystem, type TestSystem } from './support/system';
import { usageEvent } from './support/usage-events';

describe('the customer accounts API', () => {
  let system: TestSystem;
  let url: string;

  const call = async (key: string, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, body: json, text };
  };
  const chat = (key: string, model = 'magistral-medium-latest') =>
    call(key, 'POST', '/v1/chat/completions', {
      model,
      messages: [{ role: 'user', content: 'Hi' }],
    });

  beforeAll(async () => {
    system = await startSystem();
    url = system.gateway.url;
    system.upstream.setDefault({
      kind: 'reply',
      usage: { promptTokens: 1000, completionTokens: 500 },
    });
  });
  afterAll(async () => {
    await system.stop();
  });

  describe('keys', () => {
    let management: TestAccount;
    beforeEach(async () => {
      management = await insertAccountWithKey(system.prisma, {
        balance: '10',
        scope: 'management',
      });
    });

    it('are managed with a management key only; an inference key gets 403', async () => {
      const inference = await insertAccountWithKey(system.prisma, { balance: '1' });
      const refused = await call(inference.key, 'GET', '/v1/keys');
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('permission_denied');
      expect((await call(inference.key, 'POST', '/v1/keys', { name: 'x' })).status).toBe(403);
    });

    it('are created (secret shown once), listed without secret or hash, and used', async () => {
      const created = await call(management.key, 'POST', '/v1/keys', {
        name: 'ci',
        spend_limit: '5.50',
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        name: 'ci',
        scope: 'inference',
        spend_limit: '5.5',
        spent_total: '0',
      });
      expect(created.body.key).toMatch(/^kr-/);
      const listed = await call(management.key, 'GET', '/v1/keys');
      expect(listed.body.data).toHaveLength(2);
      expect(listed.text).not.toContain(created.body.key);
      const stored = await system.prisma.apiKey.findUniqueOrThrow({
        where: { id: created.body.id },
      });
      expect(listed.text).not.toContain(stored.keyHash);
      expect(listed.body.data[0]).toMatchObject({
        id: created.body.id,
        prefix: created.body.key.slice(0, 10),
        last_used_at: null,
      });

      expect((await chat(created.body.key)).status).toBe(200);
      await waitForSpend(system, created.body.id, '0.0045');
      const afterUse = (await call(management.key, 'GET', '/v1/keys')).body.data.find(
        (k: any) => k.id === created.body.id,
      );
      expect(afterUse).toMatchObject({ spent_total: '0.0045' });
      expect(afterUse.last_used_at).not.toBeNull();
    });

    it('are disabled and revoked with effect on the next request', async () => {
      const { body: key } = await call(management.key, 'POST', '/v1/keys', { name: 'temp' });
      expect((await chat(key.key)).status).toBe(200);
      expect(
        (await call(management.key, 'PATCH', `/v1/keys/${key.id}`, { disabled: true })).body
          .disabled,
      ).toBe(true);
      expect((await chat(key.key)).status).toBe(403);
      await call(management.key, 'PATCH', `/v1/keys/${key.id}`, { disabled: false });
      expect((await chat(key.key)).status).toBe(200);
      const revoked = await call(management.key, 'DELETE', `/v1/keys/${key.id}`);
      expect(revoked.status).toBe(200);
      expect(revoked.body.revoked_at).not.toBeNull();
      expect((await chat(key.key)).status).toBe(401);
    });

    it("refuse revoking the account's last active management key", async () => {
      const refused = await call(management.key, 'DELETE', `/v1/keys/${management.keyId}`);
      expect(refused.status).toBe(409);
      const second = await call(management.key, 'POST', '/v1/keys', {
        name: 'admin 2',
        scope: 'management',
      });
      expect((await call(second.body.key, 'DELETE', `/v1/keys/${management.keyId}`)).status).toBe(
        200,
      );
      expect((await call(second.body.key, 'DELETE', `/v1/keys/${second.body.id}`)).status).toBe(
        409,
      );
    });

    it("never touch another account's keys (404)", async () => {
      const other = await insertAccountWithKey(system.prisma, { balance: '1' });
      expect((await call(management.key, 'DELETE', `/v1/keys/${other.keyId}`)).status).toBe(404);
      expect(
        (await call(management.key, 'PATCH', `/v1/keys/${other.keyId}`, { name: 'x' })).status,
      ).toBe(404);
    });

    it.each([
      [{ name: 'x', spend_limit: 5 }, 'spend_limit'],
      [{ name: 'x', spend_limit: '-1' }, 'spend_limit'],
      [{ name: 'x', scope: 'root' }, 'scope'],
      [{ name: 42 }, 'name'],
      [{ name: 'x', admin: true }, 'admin'],
    ])('refuse bad input %j (400 naming %s)', async (body, param) => {
      const response = await call(management.key, 'POST', '/v1/keys', body);
      expect(response.status).toBe(400);
      expect(response.body.error.param).toBe(param);
    });

    it('answer 404 for a malformed key id', async () => {
      expect((await call(management.key, 'DELETE', '/v1/keys/not-an-id')).status).toBe(404);
    });
  });

  describe('usage', () => {
    it('is summed by model, key and day, with totals and a CSV export', async () => {
      const customer = await fundedCustomer(system, '10');
      const second = await system.prisma.apiKey.create({
        data: {
          id: `key_second${Date.now()}`,
          accountId: customer.accountId,
          name: 'b',
          keyHash: 'f'.repeat(64),
          prefix: 'kr-b',
        },
      });
      expect((await chat(customer.key)).status).toBe(200);
      expect((await chat(customer.key)).status).toBe(200);
      expect((await chat(customer.key, 'ministral-14b-latest')).status).toBe(200);
      await customer.priced(3);
      // One more request on the second key, yesterday, charged by the worker.
      const yesterday = new Date(Date.now() - 86_400_000);
      const charges = system.worker!.get(UsageChargeService);
      const yesterdays = usageEvent(
        { accountId: customer.accountId, keyId: second.id, key: '' },
        {
          modelId: 'codestral-latest',
          inputTokens: 10,
          outputTokens: 10,
          occurredAt: yesterday.toISOString(),
        },
      );
      const outcomes = await charges.chargeBatch([yesterdays]);
      expect(outcomes.get(yesterdays.eventId)).toBe('charged');

      const byModel = await call(customer.key, 'GET', '/v1/usage?group_by=model');
      expect(byModel.status).toBe(200);
      expect(byModel.body.data).toEqual([
        {
          group: 'codestral-latest',
          requests: 1,
          input_tokens: 10,
          output_tokens: 10,
          cost: '0.000012',
        },
        {
          group: 'magistral-medium-latest',
          requests: 2,
          input_tokens: 2000,
          output_tokens: 1000,
          cost: '0.009',
        },
        {
          group: 'ministral-14b-latest',
          requests: 1,
          input_tokens: 1000,
          output_tokens: 500,
          cost: '0.0003',
        },
      ]);
      expect(byModel.body.totals).toEqual({
        requests: 4,
        input_tokens: 3010,
        output_tokens: 1510,
        cost: '0.009312',
      });

      const byKey = await call(customer.key, 'GET', '/v1/usage?group_by=key');
      // Groups come in byte order (COLLATE "C"), whatever the database's locale.
      const byteOrder = (a: (string | number)[], b: (string | number)[]) => (a[0] < b[0] ? -1 : 1);
      expect(byKey.body.data.map((r: any) => [r.group, r.requests])).toEqual(
        [
          [customer.keyId, 3],
          [second.id, 1],
        ].sort(byteOrder),
      );

      const byDay = await call(customer.key, 'GET', '/v1/usage?group_by=day');
      expect(byDay.body.data.map((r: any) => r.group)).toEqual([
        yesterday.toISOString().slice(0, 10),
        new Date().toISOString().slice(0, 10),
      ]);

      const today = new Date().toISOString().slice(0, 10);
      const onlyToday = await call(customer.key, 'GET', `/v1/usage?start=${today}&group_by=model`);
      expect(onlyToday.body.totals.requests).toBe(3);
      // Usage is kept per UTC day: a range within days covers the whole days it touches,
      // and says so.
      const lateToday = await call(
        customer.key,
        'GET',
        `/v1/usage?start=${today}T00:00:01Z&end=${today}T00:00:02Z`,
      );
      expect(lateToday.body.start).toBe(`${today}T00:00:00.000Z`);
      expect(lateToday.body.totals.requests).toBe(3);
      const day = yesterday.toISOString().slice(0, 10);
      const justYesterday = await call(
        customer.key,
        'GET',
        `/v1/usage?start=${day}T12:00:00Z&end=${today}`,
      );
      expect([justYesterday.body.start, justYesterday.body.end]).toEqual([
        `${day}T00:00:00.000Z`,
        `${today}T00:00:00.000Z`,
      ]);
      expect(justYesterday.body.totals).toEqual({
        requests: 1,
        input_tokens: 10,
        output_tokens: 10,
        cost: '0.000012',
      });
      const intoToday = await call(
        customer.key,
        'GET',
        `/v1/usage?start=${day}&end=${today}T00:00:01Z`,
      );
      expect(intoToday.body.end).toBe(`${new Date(Date.parse(today) + 86_400_000).toISOString()}`);
      expect(intoToday.body.totals.requests).toBe(4);

      const csv = await call(customer.key, 'GET', '/v1/usage?group_by=model&format=csv');
      expect(csv.headers.get('content-type')).toContain('text/csv');
      expect(csv.text.split('\r\n')).toEqual([
        'group,requests,input_tokens,output_tokens,cost',
        'codestral-latest,1,10,10,0.000012',
        'magistral-medium-latest,2,2000,1000,0.009',
        'ministral-14b-latest,1,1000,500,0.0003',
        'total,4,3010,1510,0.009312',
        '',
      ]);
    });

    it.each([
      ['start=yesterday', 'start'],
      ['end=2026-13-45', 'end'],
      ['start=2026-11-20&end=2026-11-10', 'start'],
      ['group_by=hour', 'group_by'],
      ['format=xml', 'format'],
      ['colour=blue', 'colour'],
    ])('refuses %s (400 naming %s)', async (query, param) => {
      const customer = await insertAccountWithKey(system.prisma, { balance: '1' });
      const response = await call(customer.key, 'GET', `/v1/usage?${query}`);
      expect(response.status).toBe(400);
      expect(response.body.error.param).toBe(param);
    });
  });

  describe('ledger', () => {
    it('pages newest first with the balance after each entry, never repeating or skipping under concurrent writes', async () => {
      const customer = await insertAccountWithKey(system.prisma, { balance: '0' });
      const credit = (amount: string) =>
        fetch(`${url}/admin/accounts/${customer.accountId}/credits`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${system.config.admin.token}`,
            'content-type': 'application/json',
            'idempotency-key': `c-${Math.random()}`,
          },
          body: JSON.stringify({ amount }),
        });
      for (let i = 1; i <= 25; i++) expect((await credit('1')).status).toBe(201);

      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: any = (
          await call(customer.key, 'GET', `/v1/ledger?limit=10${cursor ? `&cursor=${cursor}` : ''}`)
        ).body;
        seen.push(...page.data.map((entry: any) => entry.id));
        if (pages === 0) {
          expect(page.data[0]).toMatchObject({ kind: 'credit', amount: '1', balance_after: '25' });
          // New entries arrive while the client pages: they are newer than the first page.
          await Promise.all([credit('2'), credit('3')]);
        }
        cursor = page.next_cursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(3);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toHaveLength(25);
      const all = await call(customer.key, 'GET', '/v1/ledger?limit=100');
      expect(all.body.data).toHaveLength(27);
      expect(all.body.has_more).toBe(false);
    });

    it.each([
      'limit=0',
      'limit=101',
      'limit=ten',
      'cursor=abc',
      // Beyond a signed 64-bit ledger id: a clear 400, not a 500 from the database driver.
      'cursor=9223372036854775808',
      'cursor=9999999999999999999',
    ])('refuses %s (400)', async (query) => {
      const customer = await insertAccountWithKey(system.prisma, { balance: '1' });
      expect((await call(customer.key, 'GET', `/v1/ledger?${query}`)).status).toBe(400);
    });
  });
});

async function waitForSpend(system: TestSystem, keyId: string, spent: string) {
  const { waitFor } = await import('@app/testing');
  await waitFor(`key ${keyId} to have spent ${spent}`, async () => {
    const key = await system.prisma.apiKey.findUniqueOrThrow({ where: { id: keyId } });
    return key.spentTotal.toString() === spent ? true : undefined;
  });
}
