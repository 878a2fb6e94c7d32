import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { configFromEnvironmentOrExit } from '@app/config';
import { JsonLogger } from '@app/logging';
import { PrismaService } from '@app/database';
import { MetricsService } from '@app/metrics';
import { installBoundedShutdown } from './bounded-shutdown';
import { startWorkerHealthServer } from './health/worker-health.server';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const config = configFromEnvironmentOrExit();
  const logger = new JsonLogger('worker');
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger });
  const health = await startWorkerHealthServer(
    app.get(PrismaService),
    app.get(MetricsService),
    config.worker.healthPort,
  );
  // Not enableShutdownHooks: Nest would wait for ever on a Redis or PostgreSQL that is gone.
  installBoundedShutdown(app, logger, config.worker.shutdownTimeoutMs, async () => {
    health.closeAllConnections();
    health.close();
  });
  new Logger('Worker').log(`consuming usage events; health on port ${config.worker.healthPort}`);
}

void bootstrap();
