import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get, HttpCode, ServiceUnavailableException } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { PrismaService } from '@app/database';
import { QueueName } from '@app/queue';

const READINESS_TIMEOUT_MS = 1000;

/** Liveness (the process answers) and readiness (PostgreSQL and Redis answer too). */
@Controller('health')
export class HealthController {
  constructor(
    private readonly prisma: PrismaService,
    @InjectQueue(QueueName.usageEvents) private readonly queue: Queue,
  ) {}

  @Get('live')
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @HttpCode(200)
  async ready() {
    const [database, redis] = await Promise.all([
      withTimeout(this.prisma.isReady()),
      withTimeout(this.redisAnswers()),
    ]);
    const checks = { database: database ? 'ok' : 'down', redis: redis ? 'ok' : 'down' };
    if (!database || !redis)
      throw new ServiceUnavailableException({ status: 'unavailable', checks });
    return { status: 'ok', checks };
  }

  private async redisAnswers(): Promise<boolean> {
    try {
      await this.queue.count();
      return true;
    } catch {
      return false;
    }
  }
}

function withTimeout(check: Promise<boolean>): Promise<boolean> {
  return Promise.race([
    check,
    new Promise<boolean>((resolve) => setTimeout(resolve, READINESS_TIMEOUT_MS, false).unref()),
  ]);
}
