import { Module } from '@nestjs/common';
import { QueueModule } from '@app/queue';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';

@Module({ imports: [QueueModule], controllers: [HealthController, MetricsController] })
export class HealthModule {}
