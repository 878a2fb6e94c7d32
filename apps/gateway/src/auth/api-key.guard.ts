import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { KeyScope } from '@app/database';
import { DomainError, ErrorCode } from '@app/errors';
import type { GatewayRequest } from '../gateway-request';
import { ALLOWED_SCOPES } from './allow-scopes.decorator';
import { extractApiKey } from './api-key-secret';
import { KeyAuthService } from './key-auth.service';

/** Authenticates the customer key and checks its scope against the route's. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly keyAuth: KeyAuthService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<GatewayRequest>();
    const key = await this.keyAuth.authenticate(extractApiKey(request.headers));
    const allowed = this.reflector.getAllAndOverride<KeyScope[] | undefined>(ALLOWED_SCOPES, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (allowed && !allowed.includes(key.scope)) {
      throw new DomainError(
        ErrorCode.PermissionDenied,
        `A ${key.scope} key cannot use this endpoint; it needs a ${allowed.join(' or ')} key.`,
      );
    }
    request.apiKey = key;
    return true;
  }
}
