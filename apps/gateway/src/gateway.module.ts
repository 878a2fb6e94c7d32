import { type DynamicModule, Module } from '@nestjs/common';
import { type AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { MetricsModule } from '@app/metrics';
import { AccountsModule } from './accounts/accounts.module';
import { AdminModule } from './admin/admin.module';
import { AdminModelsModule } from './admin/models/admin-models.module';
import { AdminProvidersModule } from './admin/providers/admin-providers.module';
import { AnthropicModule } from './anthropic/anthropic.module';
import { CatalogueModule } from './catalogue/catalogue.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { EmbeddingsModule } from './embeddings/embeddings.module';
import { HealthModule } from './health/health.module';
import { OpenAiModule } from './openai/openai.module';
import { ResponsesModule } from './responses/responses.module';

@Module({})
export class GatewayModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        MetricsModule,
        OpenAiModule,
        AnthropicModule,
        AccountsModule,
        AdminModule,
        AdminModelsModule,
        AdminProvidersModule,
        CatalogueModule,
        DashboardModule,
        ResponsesModule,
        EmbeddingsModule,
        HealthModule,
      ],
    };
  }
}
