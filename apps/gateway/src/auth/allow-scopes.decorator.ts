import { SetMetadata } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import type { KeyScope } from '@app/database';

export const ALLOWED_SCOPES = 'keeprouter:allowed-scopes';

/** The key scopes a route accepts; without it, any customer key is accepted. */
export const AllowScopes = (...scopes: KeyScope[]) => SetMetadata(ALLOWED_SCOPES, scopes);

/** A handler method or a controller class, as the reflector reads metadata from them. */
type MetadataTarget = Parameters<Reflector['getAllAndOverride']>[1][number];

/** The scopes a route handler accepts: its own @AllowScopes, else its controller's. */
export function allowedScopesOf(
  reflector: Reflector,
  handler: MetadataTarget,
  controller: MetadataTarget,
): KeyScope[] | undefined {
  return reflector.getAllAndOverride<KeyScope[] | undefined>(ALLOWED_SCOPES, [handler, controller]);
}
