import type { CatalogueEntry } from '@app/catalogue';
import type { Model, Price } from '@app/database';
import { ratesOf } from '@app/pricing';

/** A stored model and its price in effect, as the catalogue renderers take them. */
export function toCatalogueEntry(model: Model, price: Price): CatalogueEntry {
  return {
    model: {
      id: model.id,
      displayName: model.displayName,
      maker: model.maker,
      description: model.description,
      modality: model.modality,
      capabilities: model.capabilities,
      status: model.status,
      createdAt: model.createdAt,
    },
    price: { ...ratesOf(price), effectiveFrom: price.effectiveFrom },
  };
}
