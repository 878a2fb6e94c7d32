import { Injectable } from '@nestjs/common';
import {
  AuditLogRepository,
  CatalogueRepository,
  isUniqueViolation,
  PrismaService,
  ProviderRepository,
} from '@app/database';
import { DomainError, ErrorCode, invalidRequest, notFound } from '@app/errors';
import { ADMIN_ACTOR } from './admin-actor';
import { CacheInvalidationService } from '../../auth/cache-invalidation.service';
import type { CreateModelDto } from './dto/create-model.dto';
import type { UpdateModelDto } from './dto/update-model.dto';
import { endpointsOf } from './model-endpoints';
import { presentModel, presentModelFields } from './model.presenter';

/**
 * The operator's catalogue entries. Every write and its audit entry commit together; the
 * gateway's caches are cleared after the commit.
 */
@Injectable()
export class AdminModelsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly catalogue: CatalogueRepository,
    private readonly audit: AuditLogRepository,
    private readonly providers: ProviderRepository,
    private readonly invalidation: CacheInvalidationService,
  ) {}

  /** Every model, retired ones included, with the price in effect now. */
  async list() {
    const rows = await this.catalogue.listWithPriceAt(new Date(), { activeOnly: false });
    return { object: 'list', data: rows.map(presentModel) };
  }

  async get(id: string) {
    const row = await this.catalogue.findWithPriceAt(id, new Date());
    if (row === null) throw notFound('model', id);
    return presentModel(row);
  }

  async create(dto: CreateModelDto) {
    const model = await this.insertAudited(dto).catch((error: unknown) => {
      if (isUniqueViolation(error)) {
        throw new DomainError(ErrorCode.Conflict, `A model with id '${dto.id}' already exists.`, {
          param: 'id',
        });
      }
      throw error;
    });
    await this.invalidation.publish({ kind: 'model', id: model.id });
    return this.get(model.id);
  }

  async update(id: string, dto: UpdateModelDto) {
    const changes = {
      displayName: dto.display_name,
      maker: dto.maker,
      description: dto.description,
      modality: dto.modality,
      capabilities: dto.capabilities,
      defaultMaxOutputTokens: dto.default_max_output_tokens,
      status: dto.status,
    };
    const endpointFields = [dto.endpoints, dto.upstream_provider, dto.upstream_model];
    if ([...Object.values(changes), ...endpointFields].every((value) => value === undefined)) {
      throw invalidRequest('The body must set at least one field to change.');
    }
    await this.prisma.$transaction(async (tx) => {
      const before = await this.catalogue.findForUpdate(id, tx);
      if (before === null) throw notFound('model', id);
      const endpoints = await endpointsOf(dto, before, this.providers, tx);
      const after = await this.catalogue.update(id, { ...changes, endpoints }, tx);
      await this.audit.record(
        {
          actor: ADMIN_ACTOR,
          action: 'model.update',
          targetType: 'model',
          targetId: id,
          before: presentModelFields(before),
          after: presentModelFields(after),
        },
        tx,
      );
    });
    await this.invalidation.publish({ kind: 'model', id });
    return this.get(id);
  }

  private insertAudited(dto: CreateModelDto) {
    return this.prisma.$transaction(async (tx) => {
      const endpoints = (await endpointsOf(dto, null, this.providers, tx))!;
      const created = await this.catalogue.insert(
        {
          id: dto.id,
          displayName: dto.display_name,
          maker: dto.maker,
          description: dto.description,
          modality: dto.modality,
          capabilities: dto.capabilities,
          endpoints,
          defaultMaxOutputTokens: dto.default_max_output_tokens ?? undefined,
        },
        tx,
      );
      await this.audit.record(
        {
          actor: ADMIN_ACTOR,
          action: 'model.create',
          targetType: 'model',
          targetId: created.id,
          before: null,
          after: presentModelFields(created),
        },
        tx,
      );
      return created;
    });
  }
}
