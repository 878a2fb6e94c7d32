import { Injectable } from '@nestjs/common';
import {
  type ApiKey,
  ApiKeyRepository,
  type Db,
  type KeyScope,
  newId,
  type SpendLimitPeriod,
} from '@app/database';
import { generateApiKey } from './api-key-secret';

/** Issues customer keys: only the hash is stored; the plaintext is returned once, here. */
@Injectable()
export class KeyIssuerService {
  constructor(private readonly apiKeys: ApiKeyRepository) {}

  async issue(
    request: {
      accountId: string;
      name: string;
      scope?: KeyScope;
      spendLimit?: string | null;
      /** A new key has spent nothing: its first window starts with its first charge. */
      spendLimitPeriod?: SpendLimitPeriod | null;
      rateLimitPerMinute?: number | null;
      tokensPerMinute?: number | null;
    },
    db?: Db,
  ): Promise<{ key: ApiKey; plaintext: string }> {
    const secret = generateApiKey();
    const key = await this.apiKeys.insert(
      {
        id: newId('key'),
        accountId: request.accountId,
        name: request.name,
        keyHash: secret.hash,
        prefix: secret.prefix,
        scope: request.scope ?? 'inference',
        spendLimit: request.spendLimit ?? null,
        spendLimitPeriod: request.spendLimitPeriod ?? null,
        rateLimitPerMinute: request.rateLimitPerMinute ?? null,
        tokensPerMinute: request.tokensPerMinute ?? null,
      },
      db,
    );
    return { key, plaintext: secret.plaintext };
  }
}
