import { Module } from '@nestjs/common';
import { AuthModule } from '../../auth/auth.module';
import { ProxyModule } from '../../proxy/proxy.module';
import { AdminModelsController } from './admin-models.controller';
import { AdminModelsService } from './admin-models.service';
import { AdminPricesController } from './admin-prices.controller';
import { AdminPricesService } from './admin-prices.service';
import { CatalogueInvalidation } from './catalogue-invalidation.service';

/** The operator's catalogue: models and their append-only prices. */
@Module({
  // ProxyModule for its caches (ModelDirectory, PriceBook): the same instances the proxy uses.
  imports: [AuthModule, ProxyModule],
  controllers: [AdminModelsController, AdminPricesController],
  providers: [AdminModelsService, AdminPricesService, CatalogueInvalidation],
})
export class AdminModelsModule {}
