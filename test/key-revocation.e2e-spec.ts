import { ApiKeyRepository } from '@app/database';
import { RedisService } from '@app/redis';
import { insertAccountWithKey, waitFor } from '@app/testing';
import { type RunningGateway, startGateway } from './support/boot';
import { startSystem, type TestSystem } from './support/system';

/**
 * Issue 10, hole 7: a revocation is never undone by a cache. Not by an invalidation that
 * arrives while a lookup of the key is in flight, and not by a publish that fails after the
 * revocation committed: the gateway that cannot hear it stops accepting the key within
 * five seconds of the revocation (README, "Money bounds").
 */
const REVOCATION_BOUND_MS = 5_000;

describe('key revocation and the key cache', () => {
  let system: TestSystem;
  let second: RunningGateway;

  beforeAll(async () => {
    system = await startSystem({ worker: false });
    second = await startGateway(system.config);
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(async () => {
    await second.close();
    await system.stop();
  });

  const account = (key: string, gateway = system.gateway.url) =>
    fetch(`${gateway}/v1/account`, { headers: { authorization: `Bearer ${key}` } });

  /** An account with a management key, and an inference key issued through the API. */
  async function customerWithKey() {
    const owner = await insertAccountWithKey(system.prisma, { scope: 'management' });
    const created = await fetch(`${system.gateway.url}/v1/keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${owner.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'to revoke' }),
    });
    expect(created.status).toBe(201);
    const { id, key } = (await created.json()) as { id: string; key: string };
    const revoke = () =>
      fetch(`${system.gateway.url}/v1/keys/${id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${owner.key}` },
      });
    return { keyId: id, key, revoke };
  }

  it('does not cache a key read before a revocation that lands while the lookup is in flight', async () => {
    const customer = await customerWithKey();
    const repository = system.gateway.app.get(ApiKeyRepository);
    const read = repository.findByHashWithAccount.bind(repository);
    let rowRead!: () => void;
    const readDone = new Promise<void>((resolve) => (rowRead = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    jest.spyOn(repository, 'findByHashWithAccount').mockImplementationOnce(async (hash, db) => {
      const row = await read(hash, db); // the key as it was: not revoked
      rowRead();
      await released; // ...and the answer comes back only after the revocation
      return row;
    });

    const inFlight = account(customer.key);
    await readDone;
    expect((await customer.revoke()).status).toBe(200);
    release();
    // The request that arrived before the revocation may pass; nothing after it may.
    expect((await inFlight).status).toBe(200);
    expect((await account(customer.key)).status).toBe(401);
    expect((await account(customer.key, second.url)).status).toBe(401);
  });

  describe('when the invalidation cannot be published after the revocation committed', () => {
    it('answers the revocation, and retries the publish until the other gateway hears it', async () => {
      const customer = await customerWithKey();
      expect((await account(customer.key)).status).toBe(200);
      expect((await account(customer.key, second.url)).status).toBe(200); // cached there
      const redis = system.gateway.app.get(RedisService).client;
      jest
        .spyOn(redis, 'publish')
        .mockRejectedValueOnce(new Error("READONLY You can't write against a read only replica."));

      const revoked = await customer.revoke();
      expect(revoked.status).toBe(200);
      expect(((await revoked.json()) as { revoked_at: string | null }).revoked_at).not.toBeNull();
      expect((await account(customer.key)).status).toBe(401);
      await waitFor(
        'the retried invalidation to reach the second gateway',
        async () => ((await account(customer.key, second.url)).status === 401 ? true : undefined),
        2000,
      );
    });

    it('stops the other gateway accepting the key within the cache bound, though every publish fails', async () => {
      const customer = await customerWithKey();
      expect((await account(customer.key, second.url)).status).toBe(200); // cached there
      const redis = system.gateway.app.get(RedisService).client;
      jest.spyOn(redis, 'publish').mockRejectedValue(new Error('Connection is closed.'));

      const revokedAt = Date.now();
      expect((await customer.revoke()).status).toBe(200);
      expect((await account(customer.key)).status).toBe(401);
      await waitFor(
        'the second gateway to refuse the revoked key',
        async () => ((await account(customer.key, second.url)).status === 401 ? true : undefined),
        REVOCATION_BOUND_MS + 1000,
      );
      expect(Date.now() - revokedAt).toBeLessThanOrEqual(REVOCATION_BOUND_MS + 1000);
    });
  });
});
