import { randomBytes } from 'node:crypto';
import { loadConfig, type AppConfig } from '@app/config';
import { TEST_REDIS_URL, testDatabaseUrl } from './test-databases';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';
export const TEST_UPSTREAM_KEY = 'upstream-secret-key-for-tests-0123456789';

/**
 * Configuration of one test file: this Jest worker's database, a Redis prefix of its
 * own (so queued jobs never cross files or runs), ephemeral ports.
 */
export function testConfig(env: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: testDatabaseUrl(),
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: `krtest-${process.env.JEST_WORKER_ID ?? '1'}-${randomBytes(4).toString('hex')}`,
    PORT: '0',
    WORKER_HEALTH_PORT: '0',
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    MISTRAL_API_KEY: TEST_UPSTREAM_KEY,
    MISTRAL_BASE_URL: 'http://127.0.0.1:9/v1',
    UPSTREAM_TIMEOUT_MS: '5000',
    UPSTREAM_FIRST_BYTE_TIMEOUT_MS: '5000',
    ...env,
  });
}
