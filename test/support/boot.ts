import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import type { AddressInfo } from 'node:net';
import type { AppConfig } from '@app/config';
import { GatewayModule } from '../../apps/gateway/src/gateway.module';
import { configureGateway } from '../../apps/gateway/src/gateway.setup';
import { WorkerModule } from '../../apps/worker/src/worker.module';

export interface RunningGateway {
  app: INestApplication;
  /** Base URL such as http://127.0.0.1:40123 */
  url: string;
  close(): Promise<void>;
}

/** Boots the real gateway module, configured exactly as main.ts does, on an ephemeral port. */
export async function startGateway(config: AppConfig): Promise<RunningGateway> {
  const moduleRef = await Test.createTestingModule({
    imports: [GatewayModule.forRoot(config)],
  }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({
    bodyParser: false,
    logger: ['error'],
  });
  configureGateway(app);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

/** Boots the real worker module (its BullMQ consumer starts with it). */
export async function startWorker(config: AppConfig): Promise<INestApplicationContext> {
  const moduleRef = await Test.createTestingModule({
    imports: [WorkerModule.forRoot(config)],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: ['error'] });
  await app.init();
  return app;
}
