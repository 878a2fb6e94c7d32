import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { DomainError, ErrorCode } from '@app/errors';
import type { GatewayRequest } from '../gateway-request';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * Checks `Authorization: Bearer <ADMIN_TOKEN>`. Both sides are hashed first so the
 * comparison is constant-time whatever the lengths. No token configured: every call refused.
 */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  private readonly expected: Buffer | undefined;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.expected = config.admin.token === undefined ? undefined : digest(config.admin.token);
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<GatewayRequest>();
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    if (!this.expected || !match || !timingSafeEqual(digest(match[1]), this.expected)) {
      throw new DomainError(ErrorCode.InvalidAdminToken, 'Invalid or missing admin token.');
    }
    return true;
  }
}
