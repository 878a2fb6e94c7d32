import { IsIn, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { PROVIDER_KEY_ENV_NAME } from '@app/config';
import type { ProviderDialect } from '@app/database';

export const PROVIDER_DIALECTS: readonly ProviderDialect[] = ['openai', 'anthropic'];

// One line of text, no control characters, no surrounding spaces: it is printed on pages.
const ONE_LINE = /^[^\s\p{Cc}](?:[^\p{Cc}]*[^\s\p{Cc}])?$/u;
// http(s), no credentials in it (the URL is stored and shown), no fragment.
const BASE_URL = /^https?:\/\/(?![^/]*@)[^\s#]+$/;

/**
 * `PUT /admin/providers/:id`: the whole provider (created when absent). `api_key_env`
 * names the gateway's environment variable that holds the key, never the key: a name
 * ending in `_API_KEY`, or null for an upstream that takes no key.
 */
export class PutProviderDto {
  @IsString()
  @MaxLength(100)
  @Matches(ONE_LINE, { message: '$property must be one line of text without surrounding spaces' })
  name!: string;

  @IsIn(PROVIDER_DIALECTS, { message: "$property must be 'openai' or 'anthropic'" })
  dialect!: ProviderDialect;

  @IsString()
  @MaxLength(500)
  @Matches(BASE_URL, {
    message:
      '$property must be an http(s) URL without credentials, e.g. https://api.example.com/v1',
  })
  base_url!: string;

  @ValidateIf((_object: object, value: unknown) => value !== null)
  @IsString()
  @Matches(PROVIDER_KEY_ENV_NAME, {
    message:
      '$property must be the NAME of an environment variable ending in _API_KEY (e.g. ' +
      'TOGETHER_API_KEY), or null; the key itself is never sent to this API',
  })
  api_key_env!: string | null;
}
