import { Injectable } from '@nestjs/common';
import type { Model, ModelStatus, Price } from '../generated/prisma/client';
import type { Db } from '../prisma-client.factory';
import { PrismaService } from '../prisma.service';

/** A model with the price in effect at some instant, or `null` when it has none yet. */
export interface ModelWithPrice {
  model: Model;
  price: Price | null;
}

/** The catalogue fields of a new model; status starts active. */
export interface NewModel {
  id: string;
  displayName: string;
  maker: string;
  description: string;
  modality: string;
  capabilities: string[];
  upstreamProvider: string;
  upstreamModel: string;
  defaultMaxOutputTokens?: number;
}

/** Fields an operator may change; `undefined` leaves a field as it is. */
export type ModelChanges = Partial<Omit<NewModel, 'id'>> & { status?: ModelStatus };

/** Catalogue entries: which models exist and where they are served from. */
@Injectable()
export class CatalogueRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** An active model by id; retired and unknown models are both absent. */
  findActive(id: string, db: Db = this.prisma): Promise<Model | null> {
    return db.model.findFirst({ where: { id, status: 'active' } });
  }

  /**
   * Models (only active ones, or all) by id, each with the price in effect at `at`: the
   * latest one effective at or before it, exactly as the worker picks the price it charges.
   */
  async listWithPriceAt(
    at: Date,
    options: { activeOnly: boolean },
    db: Db = this.prisma,
  ): Promise<ModelWithPrice[]> {
    const rows = await db.model.findMany({
      where: options.activeOnly ? { status: 'active' } : {},
      orderBy: { id: 'asc' },
      include: priceAt(at),
    });
    return rows.map(({ prices, ...model }) => ({ model, price: prices[0] ?? null }));
  }

  /** One model, whatever its status, with the price in effect at `at`. */
  async findWithPriceAt(
    id: string,
    at: Date,
    db: Db = this.prisma,
  ): Promise<ModelWithPrice | null> {
    const row = await db.model.findUnique({ where: { id }, include: priceAt(at) });
    if (row === null) return null;
    const { prices, ...model } = row;
    return { model, price: prices[0] ?? null };
  }

  /**
   * Reads a model and locks its row until the transaction ends, so that the operator's
   * writes to one model and to its prices happen one at a time.
   */
  async findForUpdate(id: string, tx: Db): Promise<Model | null> {
    await tx.$queryRaw`SELECT id FROM models WHERE id = ${id} FOR UPDATE`;
    return tx.model.findUnique({ where: { id } });
  }

  /**
   * Share-locks the models' rows until the transaction ends: the metering worker reads
   * prices under it, while adding a price takes the row's update lock, so the two never
   * interleave (a price is either seen by a batch or checked against what it committed).
   */
  async lockForShare(ids: string[], tx: Db): Promise<void> {
    await tx.$queryRaw`SELECT id FROM models WHERE id = ANY(${ids}::text[]) ORDER BY id FOR SHARE`;
  }

  /** Inserts a model; a taken id is a unique violation (P2002). */
  insert(model: NewModel, db: Db = this.prisma): Promise<Model> {
    return db.model.create({ data: model });
  }

  /** Applies an operator's changes to a model and returns it as it now is. */
  update(id: string, changes: ModelChanges, db: Db = this.prisma): Promise<Model> {
    return db.model.update({ where: { id }, data: changes });
  }
}

function priceAt(at: Date) {
  return {
    prices: {
      where: { effectiveFrom: { lte: at } },
      orderBy: { effectiveFrom: 'desc' as const },
      take: 1,
    },
  };
}
