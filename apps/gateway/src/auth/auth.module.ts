import { Module } from '@nestjs/common';
import { AdminTokenGuard } from './admin-token.guard';
import { ApiKeyGuard } from './api-key.guard';
import { KeyAuthService } from './key-auth.service';

@Module({
  providers: [KeyAuthService, ApiKeyGuard, AdminTokenGuard],
  exports: [KeyAuthService, ApiKeyGuard, AdminTokenGuard],
})
export class AuthModule {}
