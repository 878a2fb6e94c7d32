import { Injectable } from '@nestjs/common';
import { CatalogueRepository, type ModelWithEndpoints } from '@app/database';

// Catalogue entries change rarely; a short cache keeps the database off the hot path.
const CACHE_TTL_MS = 30_000;

/** Active catalogue models by id, with their endpoints, cached briefly in-process. */
@Injectable()
export class ModelCache {
  private readonly cache = new Map<
    string,
    { model: ModelWithEndpoints | null; expiresAt: number }
  >();

  constructor(private readonly catalogue: CatalogueRepository) {}

  async findActive(id: string): Promise<ModelWithEndpoints | null> {
    const cached = this.cache.get(id);
    if (cached && cached.expiresAt > Date.now()) return cached.model;
    const model = await this.catalogue.findActive(id);
    // Unknown ids are not remembered: anyone can send any string.
    if (model) this.cache.set(id, { model, expiresAt: Date.now() + CACHE_TTL_MS });
    return model;
  }

  /** Forgets a model (or all), e.g. after an operator changed or retired it. */
  invalidate(id?: string): void {
    if (id === undefined) this.cache.clear();
    else this.cache.delete(id);
  }
}
