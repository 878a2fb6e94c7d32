import { PrismaPg } from '@prisma/adapter-pg';
import { Prisma, PrismaClient } from './generated/prisma/client';

/** A Prisma client or the client of an interactive transaction: what repositories write through. */
export type Db = PrismaClient | Prisma.TransactionClient;

/** A stand-alone client for scripts and tests (the apps inject PrismaService instead). */
export function createPrismaClient(databaseUrl: string, poolSize = 10): PrismaClient {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: databaseUrl, max: poolSize }),
  });
}
