import { Injectable } from '@nestjs/common';
import type { Provider, ProviderDialect } from '../generated/prisma/client';
import type { Db } from '../prisma-client.factory';
import { PrismaService } from '../prisma.service';

/** A provider as an operator sets it. `apiKeyEnv` names an environment variable: never a key. */
export interface ProviderFields {
  name: string;
  dialect: ProviderDialect;
  baseUrl: string;
  apiKeyEnv: string | null;
}

/** The upstreams models are served from. */
@Injectable()
export class ProviderRepository {
  constructor(private readonly prisma: PrismaService) {}

  list(db: Db = this.prisma): Promise<Provider[]> {
    return db.provider.findMany({ orderBy: { id: 'asc' } });
  }

  /** The providers with these ids that exist. */
  findMany(ids: string[], db: Db = this.prisma): Promise<Provider[]> {
    return db.provider.findMany({ where: { id: { in: ids } } });
  }

  /** Reads a provider and locks its row until the transaction ends (absent: null, no lock). */
  async findForUpdate(id: string, tx: Db): Promise<Provider | null> {
    await tx.$queryRaw`SELECT id FROM providers WHERE id = ${id} FOR UPDATE`;
    return tx.provider.findUnique({ where: { id } });
  }

  /** Creates the provider or replaces its fields. */
  upsert(id: string, fields: ProviderFields, db: Db = this.prisma): Promise<Provider> {
    return db.provider.upsert({ where: { id }, create: { id, ...fields }, update: fields });
  }
}
