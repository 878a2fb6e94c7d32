import { Injectable } from '@nestjs/common';
import { ApiKeyRepository } from '@app/database';
import { DomainError, ErrorCode } from '@app/errors';
import { hashApiKey, hasKeyFormat } from './api-key-secret';
import type { AuthenticatedKey } from './authenticated-key';

/** Turns a presented key into an AuthenticatedKey, or refuses it. */
@Injectable()
export class KeyAuthService {
  constructor(private readonly apiKeys: ApiKeyRepository) {}

  async authenticate(plaintext: string | undefined): Promise<AuthenticatedKey> {
    if (!plaintext) {
      throw new DomainError(
        ErrorCode.MissingApiKey,
        'No API key. Send it as "Authorization: Bearer <key>" or "x-api-key: <key>".',
      );
    }
    const invalid = new DomainError(ErrorCode.InvalidApiKey, 'Invalid API key.');
    if (!hasKeyFormat(plaintext)) throw invalid;
    const key = await this.apiKeys.findByHashWithAccount(hashApiKey(plaintext));
    if (!key || key.revokedAt) throw invalid;
    if (key.disabled) throw new DomainError(ErrorCode.KeyDisabled, 'This API key is disabled.');
    if (key.account.status !== 'active') {
      throw new DomainError(ErrorCode.AccountSuspended, 'This account is suspended.');
    }
    return {
      keyId: key.id,
      accountId: key.accountId,
      scope: key.scope,
      balance: key.account.balance.toString(),
    };
  }
}
