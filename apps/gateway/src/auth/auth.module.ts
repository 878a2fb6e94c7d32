import { Module } from '@nestjs/common';
import { RedisModule } from '@app/redis';
import { AdminTokenGuard } from './admin-token.guard';
import { ApiKeyGuard } from './api-key.guard';
import { CacheInvalidationService } from './cache-invalidation.service';
import { KeyAuthService } from './key-auth.service';
import { KeyIssuerService } from './key-issuer.service';

@Module({
  imports: [RedisModule],
  providers: [
    KeyAuthService,
    ApiKeyGuard,
    AdminTokenGuard,
    CacheInvalidationService,
    KeyIssuerService,
  ],
  exports: [
    KeyAuthService,
    ApiKeyGuard,
    AdminTokenGuard,
    CacheInvalidationService,
    KeyIssuerService,
  ],
})
export class AuthModule {}
