import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { configFromEnvironmentOrExit } from '@app/config';
import { JsonLogger } from '@app/logging';
import { PrismaService } from '@app/database';
import { MetricsService } from '@app/metrics';
import { startWorkerHealthServer } from './health/worker-health.server';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const config = configFromEnvironmentOrExit();
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: new JsonLogger('worker'),
  });
  app.enableShutdownHooks();
  const health = await startWorkerHealthServer(
    app.get(PrismaService),
    app.get(MetricsService),
    config.worker.healthPort,
  );
  process.once('SIGTERM', () => health.close());
  new Logger('Worker').log(`consuming usage events; health on port ${config.worker.healthPort}`);
}

void bootstrap();
