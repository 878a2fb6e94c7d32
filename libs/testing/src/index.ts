export { TEST_ADMIN_TOKEN, TEST_UPSTREAM_KEY, testConfig } from './test-config';
export { testDatabaseUrl, databaseUrl, TEST_REDIS_URL, TEST_SERVER_URL } from './test-databases';
export { resetDatabase } from './database-reset';
export { waitFor } from './wait-for';
export { deleteRedisPrefix } from './redis-cleanup';
export { insertAccountWithKey, type TestAccount } from './factories';
