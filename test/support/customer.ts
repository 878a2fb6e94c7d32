import OpenAI from 'openai';
import { insertAccountWithKey, type TestAccount, waitFor } from '@app/testing';
import type { TestSystem } from './system';

/** A funded customer of a test system, with the official OpenAI SDK pointed at the gateway. */
export async function fundedCustomer(
  system: TestSystem,
  balance = '10',
  gatewayUrl = system.gateway.url,
) {
  const account: TestAccount = await insertAccountWithKey(system.prisma, { balance });
  const openai = new OpenAI({ apiKey: account.key, baseURL: `${gatewayUrl}/v1`, maxRetries: 0 });
  const get = async (path: string) =>
    (
      await fetch(`${gatewayUrl}${path}`, { headers: { authorization: `Bearer ${account.key}` } })
    ).json() as Promise<any>;
  return {
    ...account,
    openai,
    get,
    balance: async () =>
      (
        await system.prisma.account.findUniqueOrThrow({ where: { id: account.accountId } })
      ).balance.toString(),
    /** Waits until `count` usage records of this account are priced. */
    priced: (count: number, timeoutMs?: number) =>
      waitFor(
        `${count} priced usage records`,
        async () => {
          const records = await system.prisma.usageRecord.findMany({
            where: { accountId: account.accountId },
          });
          return records.length >= count ? records : undefined;
        },
        timeoutMs,
      ),
    /**
     * Waits until no hold of this account is open: the worker releases holds just after
     * the charging transaction commits, so a priced record can still have its hold.
     */
    settled: () =>
      waitFor('the holds to be released', async () => {
        const account = await get('/v1/account');
        return account.available === account.balance ? true : undefined;
      }),
  };
}
