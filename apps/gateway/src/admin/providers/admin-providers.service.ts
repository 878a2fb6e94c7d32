import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { AuditLogRepository, PrismaService, ProviderRepository } from '@app/database';
import { ADMIN_ACTOR } from '../models/admin-actor';
import { CacheInvalidationService } from '../../auth/cache-invalidation.service';
import type { PutProviderDto } from './dto/put-provider.dto';
import { presentProvider, presentProviderFields } from './provider.presenter';

/** The operator's providers. Every write and its audit entry commit together. */
@Injectable()
export class AdminProvidersService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly providers: ProviderRepository,
    private readonly audit: AuditLogRepository,
    private readonly invalidation: CacheInvalidationService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list() {
    const providers = await this.providers.list();
    return {
      object: 'list',
      data: providers.map((provider) => presentProvider(provider, this.config)),
    };
  }

  /** Creates the provider or replaces its fields, audited. */
  async put(id: string, dto: PutProviderDto) {
    const fields = {
      name: dto.name,
      dialect: dto.dialect,
      baseUrl: dto.base_url.replace(/\/+$/, ''),
      apiKeyEnv: dto.api_key_env,
    };
    const saved = await this.prisma.$transaction(async (tx) => {
      const before = await this.providers.findForUpdate(id, tx);
      const after = await this.providers.upsert(id, fields, tx);
      await this.audit.record(
        {
          actor: ADMIN_ACTOR,
          action: before === null ? 'provider.create' : 'provider.update',
          targetType: 'provider',
          targetId: id,
          before: before === null ? null : presentProviderFields(before),
          after: presentProviderFields(after),
        },
        tx,
      );
      return after;
    });
    await this.invalidation.publish({ kind: 'provider', id });
    return presentProvider(saved, this.config);
  }
}
