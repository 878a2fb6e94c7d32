import type { PrismaClient } from '@app/database';
import {
  SEED_CAPABILITIES,
  SEED_MAKER,
  SEED_MODELS,
  SEED_PRICES_EFFECTIVE_FROM,
  SEED_UPSTREAM_PROVIDER,
} from './catalogue.data';

/**
 * Loads the seed catalogue and its prices. Idempotent: inserts what is absent and never
 * overwrites what an operator changed since.
 */
export async function seedCatalogue(
  prisma: PrismaClient,
): Promise<{ models: number; prices: number }> {
  const models = await prisma.model.createMany({
    data: SEED_MODELS.map((model) => ({
      id: model.id,
      displayName: model.displayName,
      maker: SEED_MAKER,
      description: model.description,
      modality: 'text',
      capabilities: [...(model.capabilities ?? SEED_CAPABILITIES)],
      upstreamProvider: SEED_UPSTREAM_PROVIDER,
      upstreamModel: model.id,
    })),
    skipDuplicates: true,
  });
  // The seeded provider `mistral` comes with the migrations; each model's one endpoint is it.
  await prisma.modelEndpoint.createMany({
    data: SEED_MODELS.map((model) => ({
      modelId: model.id,
      providerId: SEED_UPSTREAM_PROVIDER,
      position: 0,
      upstreamModel: model.id,
    })),
    skipDuplicates: true,
  });
  const prices = await prisma.price.createMany({
    data: SEED_MODELS.map((model) => ({
      id: `price_seed_${model.id}`,
      modelId: model.id,
      providerId: SEED_UPSTREAM_PROVIDER,
      inputPerMillion: model.inputPerMillion,
      outputPerMillion: model.outputPerMillion,
      effectiveFrom: SEED_PRICES_EFFECTIVE_FROM,
      createdBy: 'seed',
    })),
    skipDuplicates: true,
  });
  return { models: models.count, prices: prices.count };
}
