import { Injectable } from '@nestjs/common';
import type { Model } from '../generated/prisma/client';
import type { Db } from '../prisma-client.factory';
import { PrismaService } from '../prisma.service';

/** Catalogue entries: which models exist and where they are served from. */
@Injectable()
export class CatalogueRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** An active model by id; retired and unknown models are both absent. */
  findActive(id: string, db: Db = this.prisma): Promise<Model | null> {
    return db.model.findFirst({ where: { id, status: 'active' } });
  }
}
