import { join } from 'node:path';
import { loadConfig, readProcessEnv } from '@app/config';
import { applyMigrations, ensureDatabase } from '@app/database';

/** `npm run db:migrate`: creates the database if needed and applies pending migrations. */
async function main(): Promise<void> {
  const config = loadConfig(readProcessEnv());
  if (await ensureDatabase(config.database.url)) console.log('created the database');
  // Relative to the working directory (the repo root, or /app in the image), so the
  // compiled script in dist/ finds the same SQL files.
  const result = await applyMigrations(
    config.database.url,
    join(process.cwd(), 'prisma', 'migrations'),
  );
  for (const name of result.applied) console.log(`applied ${name}`);
  console.log(
    `migrations: ${result.applied.length} applied, ${result.alreadyApplied.length} already applied`,
  );
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
