import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/database';
import { QueueInspector } from '@app/queue';

/** A check's state, as a load balancer or an operator reads it. */
export type CheckState = 'ok' | 'down';

/** The readiness of this gateway, check by check. */
export interface Readiness {
  status: 'ok' | 'unavailable';
  checks: { postgres: CheckState; redis: CheckState };
}

// A check that has not answered by then counts as down: a load balancer must not wait.
const CHECK_TIMEOUT_MS = 1000;

/** Whether this gateway can serve: PostgreSQL and Redis (the metering queue) both answer. */
@Injectable()
export class HealthService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly queue: QueueInspector,
  ) {}

  async readiness(): Promise<Readiness> {
    const [postgres, redis] = await Promise.all([
      withTimeout(this.prisma.isReady()),
      withTimeout(this.queue.ping()),
    ]);
    const checks = { postgres: stateOf(postgres), redis: stateOf(redis) };
    return { status: postgres && redis ? 'ok' : 'unavailable', checks };
  }
}

const stateOf = (answered: boolean): CheckState => (answered ? 'ok' : 'down');

function withTimeout(check: Promise<boolean>): Promise<boolean> {
  return Promise.race([
    check,
    new Promise<boolean>((resolve) => setTimeout(resolve, CHECK_TIMEOUT_MS, false).unref()),
  ]);
}
