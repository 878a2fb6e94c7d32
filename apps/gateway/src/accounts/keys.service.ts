import { Injectable } from '@nestjs/common';
import { ApiKeyRepository, type Db, isId, PrismaService } from '@app/database';
import { DomainError, ErrorCode, notFound } from '@app/errors';
import { SpendControlStore } from '@app/spend-control';
import { CacheInvalidationService } from '../auth/cache-invalidation.service';
import { KeyIssuerService } from '../auth/key-issuer.service';
import { presentApiKey } from './account.presenter';
import type { CreateCustomerKeyDto } from './dto/create-customer-key.dto';
import type { UpdateCustomerKeyDto } from './dto/update-customer-key.dto';

/**
 * A customer's own keys, managed with a management key. Every change is published to
 * all gateways before the answer, so it holds from the next request on.
 */
@Injectable()
export class KeysService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly apiKeys: ApiKeyRepository,
    private readonly invalidation: CacheInvalidationService,
    private readonly issuer: KeyIssuerService,
    private readonly spendControl: SpendControlStore,
  ) {}

  async list(accountId: string) {
    const keys = await this.apiKeys.listForAccount(accountId);
    return { object: 'list', data: keys.map(presentApiKey) };
  }

  /** Issues a key; its plaintext is in this answer and nowhere else, ever. */
  async create(accountId: string, dto: CreateCustomerKeyDto) {
    const { key, plaintext } = await this.issuer.issue({
      accountId,
      name: dto.name,
      scope: dto.scope,
      spendLimit: dto.spend_limit,
      spendLimitPeriod: dto.spend_limit_period,
      rateLimitPerMinute: dto.requests_per_minute,
      tokensPerMinute: dto.tokens_per_minute,
    });
    return { ...presentApiKey(key), key: plaintext };
  }

  async update(accountId: string, keyId: string, dto: UpdateCustomerKeyDto) {
    const key = await this.prisma.$transaction(async (tx) => {
      const current = await this.findOrThrow(accountId, keyId, tx);
      if (current.revokedAt)
        throw new DomainError(ErrorCode.Conflict, 'A revoked key cannot be changed.');
      if (dto.disabled === true && current.scope === 'management') {
        await this.assertAnotherManagementKey(accountId, keyId, tx);
      }
      if (
        dto.spend_limit_period !== undefined &&
        dto.spend_limit_period !== current.spendLimitPeriod
      ) {
        await this.apiKeys.setSpendLimitPeriod(keyId, dto.spend_limit_period, tx);
      }
      return this.apiKeys.update(
        keyId,
        {
          ...(dto.name !== undefined ? { name: dto.name } : {}),
          ...(dto.disabled !== undefined ? { disabled: dto.disabled } : {}),
          ...(dto.spend_limit !== undefined ? { spendLimit: dto.spend_limit } : {}),
          ...(dto.requests_per_minute !== undefined
            ? { rateLimitPerMinute: dto.requests_per_minute }
            : {}),
          ...(dto.tokens_per_minute !== undefined
            ? { tokensPerMinute: dto.tokens_per_minute }
            : {}),
        },
        tx,
      );
    });
    // Its spend in Redis was counted in the old window: read again on its next request.
    if (dto.spend_limit_period !== undefined)
      await this.spendControl.forgetKeySpent(accountId, keyId);
    await this.invalidation.publish({ kind: 'key', id: keyId });
    return presentApiKey(key);
  }

  /** Revokes a key for good. The account's last usable management key cannot be revoked. */
  async revoke(accountId: string, keyId: string) {
    const key = await this.prisma.$transaction(async (tx) => {
      const current = await this.findOrThrow(accountId, keyId, tx);
      if (current.revokedAt) return current;
      if (current.scope === 'management')
        await this.assertAnotherManagementKey(accountId, keyId, tx);
      return this.apiKeys.update(keyId, { revokedAt: new Date() }, tx);
    });
    await this.invalidation.publish({ kind: 'key', id: keyId });
    return presentApiKey(key);
  }

  private async findOrThrow(accountId: string, keyId: string, tx: Db) {
    const key = isId('key', keyId) ? await this.apiKeys.findForAccount(keyId, accountId, tx) : null;
    if (!key) throw notFound('key', keyId);
    return key;
  }

  private async assertAnotherManagementKey(
    accountId: string,
    keyId: string,
    tx: Db,
  ): Promise<void> {
    const others = (await this.apiKeys.lockActiveManagementKeyIds(accountId, tx)).filter(
      (id) => id !== keyId,
    );
    if (others.length === 0) {
      throw new DomainError(
        ErrorCode.Conflict,
        "This is the account's last active management key; create another one before revoking or disabling it.",
      );
    }
  }
}
