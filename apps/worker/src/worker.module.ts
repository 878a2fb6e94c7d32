import { Module } from '@nestjs/common';
import { ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { MeteringModule } from './metering/metering.module';

@Module({ imports: [ConfigModule, DatabaseModule, MeteringModule] })
export class WorkerModule {}
