import { Injectable } from '@nestjs/common';
import {
  AuditLogRepository,
  CatalogueRepository,
  isUniqueViolation,
  newId,
  PriceRepository,
  PrismaService,
  ProviderRepository,
} from '@app/database';
import { DomainError, ErrorCode, invalidRequest, notFound } from '@app/errors';
import { formatMoney, validatePriceRate } from '@app/pricing';
import { ADMIN_ACTOR } from './admin-actor';
import { CacheInvalidationService } from '../../auth/cache-invalidation.service';
import type { CreatePriceDto } from './dto/create-price.dto';
import { parseInstant } from './instant';
import { presentPrice } from './model.presenter';

/**
 * The operator's side of the append-only price table. A new price never changes what an
 * earlier request costs:
 *
 * - `effective_from` earlier than now: 400, whatever the usage: requests admitted (and
 *   held) at the old price may still be on their way to the worker, and a price reaching
 *   back would re-price them;
 * - `effective_from` at or before the latest priced request of the model served by that
 *   provider: 409;
 * - a second price of the (model, provider) at the same instant: 409 (a correction is a new
 *   price at a new instant).
 *
 * Prices are per model and provider: a request is charged at the price of the provider
 * that served it. `provider` defaults to the model's first endpoint's.
 */
@Injectable()
export class AdminPricesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly catalogue: CatalogueRepository,
    private readonly prices: PriceRepository,
    private readonly audit: AuditLogRepository,
    private readonly providers: ProviderRepository,
    private readonly invalidation: CacheInvalidationService,
  ) {}

  /** The model's prices, latest effective date first: past, current and scheduled ones. */
  async list(modelId: string) {
    if ((await this.catalogue.findWithPriceAt(modelId, new Date())) === null) {
      throw notFound('model', modelId);
    }
    const prices = await this.prices.listForModel(modelId);
    return { object: 'list', data: prices.map(presentPrice) };
  }

  async create(modelId: string, dto: CreatePriceDto) {
    const now = new Date();
    const effectiveFrom = effectiveFromOf(dto, now);
    if (effectiveFrom.getTime() < now.getTime()) {
      throw invalidRequest(
        'effective_from must not be earlier than now: ' +
          'a new price never re-prices requests already made.',
        'effective_from',
      );
    }
    const rates: Rates = {
      inputPerMillion: rate(dto.input_per_million, 'input_per_million'),
      outputPerMillion: rate(dto.output_per_million, 'output_per_million'),
      cachedInputPerMillion:
        dto.cached_input_per_million == null
          ? null
          : rate(dto.cached_input_per_million, 'cached_input_per_million'),
      cacheWriteInputPerMillion:
        dto.cache_write_input_per_million == null
          ? null
          : rate(dto.cache_write_input_per_million, 'cache_write_input_per_million'),
    };
    const price = await this.insertAudited(
      modelId,
      dto.provider ?? null,
      rates,
      effectiveFrom,
    ).catch((error: unknown) => {
      // Only reachable if a price was inserted without the model's row lock (e.g. by hand).
      if (isUniqueViolation(error)) throw duplicate(modelId, effectiveFrom);
      throw error;
    });
    await this.invalidation.publish({ kind: 'model', id: modelId });
    return presentPrice(price);
  }

  /** The checks and the insert, under the model's row lock, with the audit entry. */
  private insertAudited(
    modelId: string,
    provider: string | null,
    rates: Rates,
    effectiveFrom: Date,
  ) {
    return this.prisma.$transaction(async (tx) => {
      // The row lock makes the checks below and the insert one step for concurrent admins.
      const model = await this.catalogue.findForUpdate(modelId, tx);
      if (model === null) throw notFound('model', modelId);
      const providerId = provider ?? model.endpoints[0]?.providerId;
      if (providerId === undefined) {
        throw invalidRequest(`'${modelId}' has no endpoint: name the provider.`, 'provider');
      }
      if ((await this.providers.findMany([providerId], tx)).length === 0) {
        throw invalidRequest(`There is no provider '${providerId}'.`, 'provider');
      }
      const lastPriced = await this.prices.latestPricedRequestAt(modelId, providerId, tx);
      if (lastPriced !== null && effectiveFrom.getTime() <= lastPriced.getTime()) {
        throw new DomainError(
          ErrorCode.Conflict,
          `effective_from ${effectiveFrom.toISOString()} is not after ` +
            `${lastPriced.toISOString()}, when the latest priced request of '${modelId}' ` +
            'occurred: a new price never re-prices requests already charged.',
          { param: 'effective_from' },
        );
      }
      if ((await this.prices.findEffectiveAt(modelId, providerId, effectiveFrom, tx)) !== null) {
        throw duplicate(modelId, effectiveFrom);
      }
      // The audit's "before" is what the model cost there from that instant until this write.
      const superseded = await this.prices.findInEffect(modelId, providerId, effectiveFrom, tx);
      const created = await this.prices.insert(
        {
          id: newId('price'),
          modelId,
          providerId,
          ...rates,
          effectiveFrom,
          createdBy: ADMIN_ACTOR,
        },
        tx,
      );
      await this.audit.record(
        {
          actor: ADMIN_ACTOR,
          action: 'price.create',
          targetType: 'model',
          targetId: modelId,
          before: superseded === null ? null : presentPrice(superseded),
          after: presentPrice(created),
        },
        tx,
      );
      return created;
    });
  }
}

/** Rates as stored: canonical decimal strings. */
interface Rates {
  inputPerMillion: string;
  outputPerMillion: string;
  cachedInputPerMillion: string | null;
  cacheWriteInputPerMillion: string | null;
}

function effectiveFromOf(dto: CreatePriceDto, now: Date): Date {
  if (dto.effective_from == null) return now;
  const instant = parseInstant(dto.effective_from);
  // The DTO has checked the format already; this keeps the type honest.
  if (instant === null) throw invalidRequest('effective_from is malformed.', 'effective_from');
  return instant;
}

/** The canonical spelling of a rate the DTO has validated ("2.50" is stored and shown as 2.5). */
function rate(value: string, field: string): string {
  return formatMoney(validatePriceRate(value, field));
}

function duplicate(modelId: string, effectiveFrom: Date): DomainError {
  return new DomainError(
    ErrorCode.Conflict,
    `'${modelId}' already has a price effective from ${effectiveFrom.toISOString()}; ` +
      'prices are never edited, so add one effective at another instant.',
    { param: 'effective_from' },
  );
}
