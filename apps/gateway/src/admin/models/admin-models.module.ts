import { Module } from '@nestjs/common';

/** The operator's catalogue: models and their append-only prices. */
@Module({})
export class AdminModelsModule {}
