import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { configFromEnvironmentOrExit } from '@app/config';
import { JsonLogger } from '@app/logging';
import { GatewayModule } from './gateway.module';
import { configureGateway } from './gateway.setup';
import { installGracefulShutdown } from './graceful-shutdown';

async function bootstrap(): Promise<void> {
  const config = configFromEnvironmentOrExit();
  const logger = new JsonLogger('gateway');
  const app = await NestFactory.create<NestExpressApplication>(GatewayModule.forRoot(config), {
    bodyParser: false,
    logger,
  });
  configureGateway(app);
  installGracefulShutdown(app, logger, config.upstreamTimeouts.totalMs);
  await app.listen(config.gateway.port, '0.0.0.0');
  new Logger('Gateway').log(`listening on port ${config.gateway.port}`);
}

void bootstrap();
