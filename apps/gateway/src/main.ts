import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { GatewayModule } from './gateway.module';
import { configureGateway } from './gateway.setup';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create(GatewayModule, { bodyParser: false });
  configureGateway(app);
  const config = app.get<AppConfig>(APP_CONFIG);
  await app.listen(config.gateway.port, '0.0.0.0');
  new Logger('Gateway').log(`listening on port ${config.gateway.port}`);
}

void bootstrap();
