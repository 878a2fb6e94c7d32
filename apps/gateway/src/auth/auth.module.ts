import { Module } from '@nestjs/common';
import { RedisModule } from '@app/redis';
import { AdminTokenGuard } from './admin-token.guard';
import { ApiKeyGuard } from './api-key.guard';
import { AuthInvalidation } from './auth-invalidation.service';
import { KeyAuthService } from './key-auth.service';

@Module({
  imports: [RedisModule],
  providers: [KeyAuthService, ApiKeyGuard, AdminTokenGuard, AuthInvalidation],
  exports: [KeyAuthService, ApiKeyGuard, AdminTokenGuard, AuthInvalidation],
})
export class AuthModule {}
