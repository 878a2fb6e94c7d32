import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { GatewayRequest } from '../gateway-request';
import { allowedScopesOf } from './allow-scopes.decorator';
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
    const allowed = allowedScopesOf(this.reflector, context.getHandler(), context.getClass());
    request.apiKey = await this.keyAuth.authorize(request.headers, allowed);
    return true;
  }
}
