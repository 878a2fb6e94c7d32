import { Injectable } from '@nestjs/common';
import { AccountRepository, ApiKeyRepository, isId, newId } from '@app/database';
import { notFound } from '@app/errors';
import { presentAccount, presentApiKey } from '../accounts/account.presenter';
import { generateApiKey } from '../auth/api-key-secret';
import type { CreateAccountDto } from './dto/create-account.dto';
import type { CreateKeyDto } from './dto/create-key.dto';

/** The operator's side of accounts and their keys. */
@Injectable()
export class AdminAccountsService {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly apiKeys: ApiKeyRepository,
  ) {}

  async create(dto: CreateAccountDto) {
    const account = await this.accounts.insert({
      id: newId('acct'),
      name: dto.name,
      email: dto.email,
    });
    return presentAccount(account);
  }

  async get(id: string) {
    return presentAccount(await this.findOrThrow(id));
  }

  /** Issues a key; its plaintext is in this answer and nowhere else, ever. */
  async createKey(accountId: string, dto: CreateKeyDto) {
    await this.findOrThrow(accountId);
    const secret = generateApiKey();
    const key = await this.apiKeys.insert({
      id: newId('key'),
      accountId,
      name: dto.name,
      keyHash: secret.hash,
      prefix: secret.prefix,
      scope: dto.scope ?? 'inference',
    });
    return { ...presentApiKey(key), key: secret.plaintext };
  }

  private async findOrThrow(id: string) {
    const account = isId('acct', id) ? await this.accounts.findById(id) : null;
    if (!account) throw notFound('account', id);
    return account;
  }
}
