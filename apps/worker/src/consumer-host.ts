import { WorkerHost } from '@nestjs/bullmq';
import type { BeforeApplicationShutdown } from '@nestjs/common';

/**
 * A BullMQ consumer that stops taking jobs, and waits for those it holds, before the
 * application's last shutdown phase closes the PostgreSQL pool. @nestjs/bullmq closes its
 * workers only in onApplicationShutdown, and Nest runs every phase on the deepest modules
 * first, so the database would close under jobs still being charged: a batch begun then
 * never finished, and Worker.close(), waiting for its jobs, never returned.
 * Worker.close() is idempotent: @nestjs/bullmq's own call later returns at once.
 */
export abstract class ConsumerHost extends WorkerHost implements BeforeApplicationShutdown {
  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.close();
  }
}
