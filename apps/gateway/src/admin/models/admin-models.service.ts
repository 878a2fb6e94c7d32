import { Injectable } from '@nestjs/common';
import {
  AuditLogRepository,
  CatalogueRepository,
  isUniqueViolation,
  PrismaService,
} from '@app/database';
import { DomainError, ErrorCode, invalidRequest, notFound } from '@app/errors';
import { ADMIN_ACTOR } from './admin-actor';
import { CacheInvalidation } from '../../auth/cache-invalidation.service';
import type { CreateModelDto } from './dto/create-model.dto';
import type { UpdateModelDto } from './dto/update-model.dto';
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
    private readonly invalidation: CacheInvalidation,
  ) {}

  /** Every model, retired ones included, with the price in effect now. */
  async list() {
    const rows = await this.catalogue.listWithPriceAt(new Date(), { activeOnly: false });
    return { object: 'list', data: rows.map(({ model, price }) => presentModel(model, price)) };
  }

  async get(id: string) {
    const row = await this.catalogue.findWithPriceAt(id, new Date());
    if (row === null) throw notFound('model', id);
    return presentModel(row.model, row.price);
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
    return presentModel(model, null);
  }

  async update(id: string, dto: UpdateModelDto) {
    const changes = {
      displayName: dto.display_name,
      maker: dto.maker,
      description: dto.description,
      modality: dto.modality,
      capabilities: dto.capabilities,
      upstreamProvider: dto.upstream_provider,
      upstreamModel: dto.upstream_model,
      defaultMaxOutputTokens: dto.default_max_output_tokens,
      status: dto.status,
    };
    if (Object.values(changes).every((value) => value === undefined)) {
      throw invalidRequest('The body must set at least one field to change.');
    }
    await this.prisma.$transaction(async (tx) => {
      const before = await this.catalogue.findForUpdate(id, tx);
      if (before === null) throw notFound('model', id);
      const after = await this.catalogue.update(id, changes, tx);
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
      const created = await this.catalogue.insert(
        {
          id: dto.id,
          displayName: dto.display_name,
          maker: dto.maker,
          description: dto.description,
          modality: dto.modality,
          capabilities: dto.capabilities,
          upstreamProvider: dto.upstream_provider,
          upstreamModel: dto.upstream_model,
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
