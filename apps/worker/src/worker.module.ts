import { type DynamicModule, Module } from '@nestjs/common';
import { type AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { MetricsModule } from '@app/metrics';
import { MeteringModule } from './metering/metering.module';
import { MaintenanceModule } from './maintenance/maintenance.module';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        MetricsModule,
        MeteringModule,
        MaintenanceModule,
        WebhooksModule,
      ],
    };
  }
}
