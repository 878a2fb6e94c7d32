import { createHash } from 'node:crypto';
import { randomBase62 } from '@app/database';

const KEY_PREFIX = 'kr-';
const KEY_RANDOM_LENGTH = 48;
const DISPLAY_PREFIX_LENGTH = 10;
const KEY_FORMAT = /^kr-[0-9A-Za-z]{40,128}$/;

/** A new customer key: the plaintext (shown once), its SHA-256 (stored) and a display prefix. */
export function generateApiKey(): { plaintext: string; hash: string; prefix: string } {
  const plaintext = `${KEY_PREFIX}${randomBase62(KEY_RANDOM_LENGTH)}`;
  return {
    plaintext,
    hash: hashApiKey(plaintext),
    prefix: plaintext.slice(0, DISPLAY_PREFIX_LENGTH),
  };
}

export function hashApiKey(plaintext: string): string {
  return createHash('sha256').update(plaintext).digest('hex');
}

/** True when the string could be a key: anything else is refused without a database lookup. */
export function hasKeyFormat(value: string): boolean {
  return KEY_FORMAT.test(value);
}

/** The key of a request: `Authorization: Bearer <key>` or `x-api-key: <key>`. */
export function extractApiKey(
  headers: Record<string, string | string[] | undefined>,
): string | undefined {
  const authorization = headers['authorization'];
  if (typeof authorization === 'string') {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (match) return match[1];
  }
  const apiKey = headers['x-api-key'];
  return typeof apiKey === 'string' && apiKey.length > 0 ? apiKey.trim() : undefined;
}
