import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { PrismaClient } from './generated/prisma/client';

/**
 * The client reports read through: DATABASE_READ_URL when set (a replica: reports may lag
 * it by the replication delay), else the primary. Its own small pool, opened on first use,
 * so report queries never take connections the charge needs.
 */
@Injectable()
export class ReadPrismaService extends PrismaClient implements OnApplicationShutdown {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super({ adapter: new PrismaPg({ connectionString: config.database.readUrl, max: 5 }) });
  }

  /** In the last shutdown phase, as PrismaService: reports in flight finish first. */
  async onApplicationShutdown(): Promise<void> {
    await this.$disconnect();
  }
}
