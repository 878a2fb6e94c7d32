import { Module } from '@nestjs/common';
import { AuthModule } from '../../auth/auth.module';
import { AdminModelsController } from './admin-models.controller';
import { AdminModelsService } from './admin-models.service';
import { AdminPricesController } from './admin-prices.controller';
import { AdminPricesService } from './admin-prices.service';

/** The operator's catalogue: models and their append-only prices. */
@Module({
  // AuthModule for CacheInvalidationService: every write is published, and the inference caches
  // (of this gateway at once, of the others by Redis pub/sub) drop the model and its prices.
  imports: [AuthModule],
  controllers: [AdminModelsController, AdminPricesController],
  providers: [AdminModelsService, AdminPricesService],
})
export class AdminModelsModule {}
