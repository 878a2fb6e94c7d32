export { DatabaseModule } from './database.module';
export { PrismaService } from './prisma.service';
export { ReadPrismaService } from './read-prisma.service';
export { createPrismaClient, type Db } from './prisma-client.factory';
export { Prisma, PrismaClient } from './generated/prisma/client';
export type {
  Account,
  AccountStatus,
  ApiKey,
  ApiSurface,
  KeyScope,
  LedgerEntry,
  Model,
  ModelEndpoint,
  Price,
  Provider,
  ProviderDialect,
  SpendLimitPeriod,
  UsageRecord,
} from './generated/prisma/client';
export { isUniqueViolation, mapPrismaError } from './prisma-errors';
export { newId, isId, randomBase62, type IdPrefix } from './ids';
export { applyMigrations, ensureDatabase, readMigrations } from './migrations/migration-runner';
export { AccountRepository, type LowBalanceCrossing } from './repositories/account.repository';
export { AuditLogRepository, type AuditEntry } from './repositories/audit-log.repository';
export {
  ApiKeyRepository,
  type ApiKeyWithAccount,
  type KeySpendState,
} from './repositories/api-key.repository';
export {
  CatalogueRepository,
  type EndpointWithPrice,
  type EndpointWithProvider,
  type ModelWithEndpoints,
  type ModelWithPrice,
  type NewEndpoint,
} from './repositories/catalogue.repository';
export { IdempotencyKeyRepository } from './repositories/idempotency-key.repository';
export { LedgerRepository, type NewLedgerEntry } from './repositories/ledger.repository';
export { PriceRepository } from './repositories/price.repository';
export { ProviderRepository, type ProviderFields } from './repositories/provider.repository';
export { ReconciliationRepository, type Mismatch } from './repositories/reconciliation.repository';
export { UsageOutboxRepository } from './repositories/usage-outbox.repository';
export { UsageRecordRepository, type NewUsageRecord } from './repositories/usage-record.repository';
export {
  type DailyUsageAggregate,
  UsageRollupRepository,
  type RollupSource,
  type UsageAggregate,
  type UsageGrouping,
} from './repositories/usage-rollup.repository';
export {
  DEFAULT_PARTITION,
  monthStart,
  UsagePartitionRepository,
  type UsagePartition,
} from './repositories/usage-partition.repository';
