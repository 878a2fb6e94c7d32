export { TEST_ADMIN_TOKEN, TEST_UPSTREAM_KEY, testConfig } from './test-config';
export { testDatabaseUrl, databaseUrl, TEST_REDIS_URL, TEST_SERVER_URL } from './test-databases';
export { resetDatabase } from './database-reset';
export { waitFor } from './wait-for';
export { deleteRedisPrefix } from './redis-cleanup';
export { insertAccountWithKey, type TestAccount } from './factories';
// The schema checks: schema.prisma as parsed text, the migrated database as introspected,
// and row fixtures, for the schema specs of libs/database.
export * from './schema-checks/schema-file';
export * from './schema-checks/database-introspection';
export * from './schema-checks/row-fixtures';
