import { loadConfig, readProcessEnv } from '@app/config';
import { createPrismaClient } from '@app/database';
import { seedCatalogue } from './seed/seed-catalogue';

/** `npm run db:seed`: loads the published catalogue; safe to run again. */
async function main(): Promise<void> {
  const config = loadConfig(readProcessEnv());
  const prisma = createPrismaClient(config.database.url);
  try {
    const result = await seedCatalogue(prisma);
    console.log(`seed: ${result.models} models and ${result.prices} prices added`);
  } finally {
    await prisma.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
