import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { configFromEnvironmentOrExit } from '@app/config';
import { GatewayModule } from './gateway.module';
import { configureGateway } from './gateway.setup';

async function bootstrap(): Promise<void> {
  const config = configFromEnvironmentOrExit();
  const app = await NestFactory.create<NestExpressApplication>(GatewayModule.forRoot(config), {
    bodyParser: false,
  });
  configureGateway(app);
  await app.listen(config.gateway.port, '0.0.0.0');
  new Logger('Gateway').log(`listening on port ${config.gateway.port}`);
}

void bootstrap();
