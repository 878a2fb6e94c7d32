import { Module } from '@nestjs/common';
import { RedisModule } from '@app/redis';
import { AdminTokenGuard } from './admin-token.guard';
import { ApiKeyGuard } from './api-key.guard';
import { CacheInvalidation } from './cache-invalidation.service';
import { KeyAuthService } from './key-auth.service';
import { KeyIssuer } from './key-issuer';

@Module({
  imports: [RedisModule],
  providers: [KeyAuthService, ApiKeyGuard, AdminTokenGuard, CacheInvalidation, KeyIssuer],
  exports: [KeyAuthService, ApiKeyGuard, AdminTokenGuard, CacheInvalidation, KeyIssuer],
})
export class AuthModule {}
