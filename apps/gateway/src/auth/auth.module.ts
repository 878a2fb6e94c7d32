import { Module } from '@nestjs/common';
import { RedisModule } from '@app/redis';
import { AdminTokenGuard } from './admin-token.guard';
import { ApiKeyGuard } from './api-key.guard';
import { CacheInvalidation } from './cache-invalidation.service';
import { KeyAuthService } from './key-auth.service';

@Module({
  imports: [RedisModule],
  providers: [KeyAuthService, ApiKeyGuard, AdminTokenGuard, CacheInvalidation],
  exports: [KeyAuthService, ApiKeyGuard, AdminTokenGuard, CacheInvalidation],
})
export class AuthModule {}
