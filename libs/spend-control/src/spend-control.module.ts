import { Module } from '@nestjs/common';
import { RedisModule } from '@app/redis';
import { SpendControlStore } from './spend-control.store';

@Module({ imports: [RedisModule], providers: [SpendControlStore], exports: [SpendControlStore] })
export class SpendControlModule {}
