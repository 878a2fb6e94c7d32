import { SetMetadata } from '@nestjs/common';
import type { KeyScope } from '@app/database';

export const ALLOWED_SCOPES = 'keeprouter:allowed-scopes';

/** The key scopes a route accepts; without it, any customer key is accepted. */
export const AllowScopes = (...scopes: KeyScope[]) => SetMetadata(ALLOWED_SCOPES, scopes);
