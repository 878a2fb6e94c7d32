import { Inject, Injectable } from '@nestjs/common';
import type {
  Model,
  ModelEndpoint,
  ModelStatus,
  Price,
  Provider,
} from '../generated/prisma/client';
import type { Db } from '../prisma-client.factory';
import { PrismaService } from '../prisma.service';

/** An endpoint of a model with its provider, as the gateway routes to it. */
export type EndpointWithProvider = ModelEndpoint & { provider: Provider };

/** A model with its endpoints in preference order. */
export type ModelWithEndpoints = Model & { endpoints: EndpointWithProvider[] };

/** An endpoint with the price in effect for it at some instant, or `null` when it has none. */
export interface EndpointWithPrice {
  endpoint: EndpointWithProvider;
  price: Price | null;
}

/**
 * A model with its endpoints and their prices in effect at some instant. `price` is the
 * first endpoint's: what the catalogue shows (the preferred provider's price).
 */
export interface ModelWithPrice {
  model: Model;
  endpoints: EndpointWithPrice[];
  price: Price | null;
}

/** One endpoint as an operator sets it: the position is its index in the list. */
export interface NewEndpoint {
  providerId: string;
  upstreamModel: string;
}

/** The catalogue fields of a new model; status starts active. */
export interface NewModel {
  id: string;
  displayName: string;
  maker: string;
  description: string;
  modality: string;
  capabilities: string[];
  /** In preference order; at least one. */
  endpoints: NewEndpoint[];
  defaultMaxOutputTokens?: number;
}

/** Fields an operator may change; `undefined` leaves a field as it is. */
export type ModelChanges = Partial<Omit<NewModel, 'id'>> & { status?: ModelStatus };

const ENDPOINTS = {
  endpoints: { orderBy: { position: 'asc' as const }, include: { provider: true } },
};

/** Catalogue entries: which models exist and where they are served from. */
@Injectable()
export class CatalogueRepository {
  // Typed on Db, so that scripts and tests can hand in a plain PrismaClient (or a transaction).
  constructor(@Inject(PrismaService) private readonly prisma: Db) {}

  /** An active model by id with its endpoints; retired and unknown models are both absent. */
  findActive(id: string, db: Db = this.prisma): Promise<ModelWithEndpoints | null> {
    return db.model.findFirst({ where: { id, status: 'active' }, include: ENDPOINTS });
  }

  /**
   * Models (only active ones, or all) by id, each endpoint with the price in effect at `at`:
   * the latest one of its provider effective at or before it, exactly as the worker picks
   * the price it charges.
   */
  async listWithPriceAt(
    at: Date,
    options: { activeOnly: boolean },
    db: Db = this.prisma,
  ): Promise<ModelWithPrice[]> {
    const rows = await db.model.findMany({
      where: options.activeOnly ? { status: 'active' } : {},
      orderBy: { id: 'asc' },
      include: { ...ENDPOINTS, ...pricesUpTo(at) },
    });
    return rows.map(withPrices);
  }

  /** One model, whatever its status, with its endpoints' prices in effect at `at`. */
  async findWithPriceAt(
    id: string,
    at: Date,
    db: Db = this.prisma,
  ): Promise<ModelWithPrice | null> {
    const row = await db.model.findUnique({
      where: { id },
      include: { ...ENDPOINTS, ...pricesUpTo(at) },
    });
    return row === null ? null : withPrices(row);
  }

  /**
   * Reads a model and locks its row until the transaction ends, so that the operator's
   * writes to one model, its endpoints and its prices happen one at a time.
   */
  async findForUpdate(id: string, tx: Db): Promise<ModelWithEndpoints | null> {
    await tx.$queryRaw`SELECT id FROM models WHERE id = ${id} FOR UPDATE`;
    return tx.model.findUnique({ where: { id }, include: ENDPOINTS });
  }

  /**
   * Share-locks the models' rows until the transaction ends: the metering worker reads
   * prices under it, while adding a price takes the row's update lock, so the two never
   * interleave (a price is either seen by a batch or checked against what it committed).
   */
  async lockForShare(ids: string[], tx: Db): Promise<void> {
    await tx.$queryRaw`SELECT id FROM models WHERE id = ANY(${ids}::text[]) ORDER BY id FOR SHARE`;
  }

  /** The models' first endpoints' providers: who served an event that names none. */
  async firstProviders(ids: string[], db: Db = this.prisma): Promise<Map<string, string>> {
    const rows = await db.modelEndpoint.findMany({
      where: { modelId: { in: ids }, position: 0 },
      select: { modelId: true, providerId: true },
    });
    return new Map(rows.map((row) => [row.modelId, row.providerId]));
  }

  /** Inserts a model and its endpoints (in a transaction); a taken id is a unique violation (P2002). */
  async insert(model: NewModel, tx: Db): Promise<ModelWithEndpoints> {
    const { endpoints, ...fields } = model;
    await tx.model.create({ data: { ...fields, ...mirrorOf(endpoints) } });
    await this.replaceEndpoints(model.id, endpoints, tx);
    return (await tx.model.findUnique({ where: { id: model.id }, include: ENDPOINTS }))!;
  }

  /** Applies an operator's changes to a model (in a transaction) and returns it as it now is. */
  async update(id: string, changes: ModelChanges, tx: Db): Promise<ModelWithEndpoints> {
    const { endpoints, ...fields } = changes;
    await tx.model.update({
      where: { id },
      data: { ...fields, ...(endpoints ? mirrorOf(endpoints) : {}) },
    });
    if (endpoints) await this.replaceEndpoints(id, endpoints, tx);
    return (await tx.model.findUnique({ where: { id }, include: ENDPOINTS }))!;
  }

  private async replaceEndpoints(modelId: string, endpoints: NewEndpoint[], tx: Db) {
    await tx.modelEndpoint.deleteMany({ where: { modelId } });
    await tx.modelEndpoint.createMany({
      data: endpoints.map((endpoint, position) => ({ modelId, position, ...endpoint })),
    });
  }
}

/**
 * `models.upstream_provider` / `upstream_model` mirror the first endpoint for readers that
 * predate routing; `model_endpoints` is the truth.
 */
function mirrorOf(endpoints: NewEndpoint[]) {
  return { upstreamProvider: endpoints[0].providerId, upstreamModel: endpoints[0].upstreamModel };
}

function pricesUpTo(at: Date) {
  return {
    prices: {
      where: { effectiveFrom: { lte: at } },
      orderBy: { effectiveFrom: 'desc' as const },
    },
  };
}

function withPrices(
  row: Model & { endpoints: EndpointWithProvider[]; prices: Price[] },
): ModelWithPrice {
  const { endpoints, prices, ...model } = row;
  // Newest first: the first price of a provider is the one in effect.
  const inEffect = (providerId: string) =>
    prices.find((price) => price.providerId === providerId) ?? null;
  const priced = endpoints.map((endpoint) => ({
    endpoint,
    price: inEffect(endpoint.providerId),
  }));
  return { model, endpoints: priced, price: priced[0]?.price ?? null };
}
