import { createHash, randomBytes } from 'node:crypto';
import { newId, randomBase62, type PrismaClient } from '@app/database';

export interface TestAccount {
  accountId: string;
  keyId: string;
  key: string;
}

/**
 * An account with one key and, when `balance` is given, a matching credit in the ledger
 * (balance = sum of ledger amounts holds from the start).
 */
export async function insertAccountWithKey(
  prisma: PrismaClient,
  options: { balance?: string; scope?: 'inference' | 'management' } = {},
): Promise<TestAccount> {
  const accountId = newId('acct');
  const keyId = newId('key');
  const key = `kr-${randomBase62(48)}`;
  const balance = options.balance ?? '0';
  await prisma.$transaction(async (tx) => {
    await tx.account.create({
      data: { id: accountId, name: `test ${randomBytes(3).toString('hex')}`, balance },
    });
    await tx.apiKey.create({
      data: {
        id: keyId,
        accountId,
        name: 'test key',
        keyHash: createHash('sha256').update(key).digest('hex'),
        prefix: key.slice(0, 10),
        scope: options.scope ?? 'inference',
      },
    });
    if (balance !== '0') {
      await tx.ledgerEntry.create({
        data: { accountId, kind: 'credit', amount: balance, balanceAfter: balance },
      });
    }
  });
  return { accountId, keyId, key };
}
