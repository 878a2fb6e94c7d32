import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { PrismaClient } from './generated/prisma/client';

/** The one Prisma client of a process, over a node-postgres pool. */
const DISCONNECT_TIMEOUT_MS = 3_000;

@Injectable()
export class PrismaService extends PrismaClient implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(PrismaService.name);

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super({ adapter: new PrismaPg({ connectionString: config.database.url, max: 20 }) });
  }

  async onModuleInit(): Promise<void> {
    await this.$connect();
    this.logger.log('connected to PostgreSQL');
  }

  /**
   * In the last shutdown phase, so that what earlier phases finish (queue consumers'
   * batches, the gateway's outbox drain) still has its pool: closed under them, a
   * transaction begun then never settled. Bounded: with PostgreSQL unreachable, ending the
   * pool's connections could wait for ever.
   */
  async onApplicationShutdown(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        this.logger.warn('PostgreSQL did not close its connections in time; leaving them');
        resolve();
      }, DISCONNECT_TIMEOUT_MS);
      timer.unref();
    });
    await Promise.race([this.$disconnect(), timedOut]);
    clearTimeout(timer);
  }

  /** True when PostgreSQL answers a trivial query. */
  async isReady(): Promise<boolean> {
    try {
      await this.$queryRaw`SELECT 1`;
      return true;
    } catch {
      return false;
    }
  }
}
