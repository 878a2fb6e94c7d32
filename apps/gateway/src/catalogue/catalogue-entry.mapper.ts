import type { CatalogueEntry } from '@app/catalogue';
import type { ModelWithPrice, Price } from '@app/database';
import { ratesOf } from '@app/pricing';

/**
 * A stored model, its endpoints and the first endpoint's price in effect, as the catalogue
 * renderers take them. Only endpoints with a price in effect are listed as serving it.
 */
export function toCatalogueEntry(
  { model, endpoints }: ModelWithPrice,
  price: Price,
): CatalogueEntry {
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
    servedBy: endpoints
      .filter((endpoint) => endpoint.price !== null)
      .map(({ endpoint }) => endpoint.provider.name),
  };
}
