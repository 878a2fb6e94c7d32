import { Module } from '@nestjs/common';
import { AuthModule } from '../../auth/auth.module';
import { AdminProvidersController } from './admin-providers.controller';
import { AdminProvidersService } from './admin-providers.service';

/** The operator's providers: where models are served from. */
@Module({
  imports: [AuthModule],
  controllers: [AdminProvidersController],
  providers: [AdminProvidersService],
})
export class AdminProvidersModule {}
