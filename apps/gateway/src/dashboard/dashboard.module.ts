import { type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { AuthModule } from '../auth/auth.module';
import { DashboardAssetsController } from './dashboard-assets.controller';
import { DashboardController } from './dashboard.controller';
import { dashboardHeaders } from './dashboard-headers.middleware';
import { DashboardKeysController } from './dashboard-keys.controller';
import { DashboardPageService } from './dashboard-page.service';
import { DashboardSessionController } from './dashboard-session.controller';
import { DashboardSessionGuard } from './dashboard-session.guard';
import { DashboardSessionStore } from './dashboard-session.store';
import { DashboardSignInService } from './dashboard-sign-in.service';

/** The customer's pages in the browser, on the accounts services, with a session of their own. */
@Module({
  imports: [AuthModule, AccountsModule],
  controllers: [
    DashboardController,
    DashboardSessionController,
    DashboardKeysController,
    DashboardAssetsController,
  ],
  providers: [
    DashboardSessionStore,
    DashboardSessionGuard,
    DashboardSignInService,
    DashboardPageService,
  ],
})
export class DashboardModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(dashboardHeaders)
      .forRoutes(
        DashboardController,
        DashboardSessionController,
        DashboardKeysController,
        DashboardAssetsController,
      );
  }
}
