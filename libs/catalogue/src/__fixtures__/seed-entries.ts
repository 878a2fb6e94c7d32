import { toMoney } from '@app/pricing';
import {
  SEED_CAPABILITIES,
  SEED_MAKER,
  SEED_MODELS,
  SEED_PRICES_EFFECTIVE_FROM,
} from '../../../../prisma/seed/catalogue.data';
import type { CatalogueEntry } from '../catalogue.types';

/** The seed catalogue as the gateway would load it: all 8 models, prices of 2026-07-05. */
export function seedEntries(): CatalogueEntry[] {
  return SEED_MODELS.map((seed) => ({
    model: {
      id: seed.id,
      displayName: seed.displayName,
      maker: SEED_MAKER,
      description: seed.description,
      modality: 'text',
      capabilities: [...(seed.capabilities ?? SEED_CAPABILITIES)],
      status: 'active',
    },
    price: {
      inputPerMillion: toMoney(seed.inputPerMillion),
      outputPerMillion: toMoney(seed.outputPerMillion),
      cachedInputPerMillion: null,
      effectiveFrom: SEED_PRICES_EFFECTIVE_FROM,
    },
  }));
}

/** The seed entry with this id; throws when absent so a typo fails loudly. */
export function seedEntry(id: string): CatalogueEntry {
  const entry = seedEntries().find((candidate) => candidate.model.id === id);
  if (entry === undefined) {
    throw new Error(`no seed model ${id}`);
  }
  return entry;
}
