import { Global, Module } from '@nestjs/common';
import { PrismaService } from './prisma.service';
import { ReadPrismaService } from './read-prisma.service';
import { AccountRepository } from './repositories/account.repository';
import { AuditLogRepository } from './repositories/audit-log.repository';
import { ApiKeyRepository } from './repositories/api-key.repository';
import { CatalogueRepository } from './repositories/catalogue.repository';
import { IdempotencyKeyRepository } from './repositories/idempotency-key.repository';
import { LedgerRepository } from './repositories/ledger.repository';
import { PriceRepository } from './repositories/price.repository';
import { ProviderRepository } from './repositories/provider.repository';
import { ReconciliationRepository } from './repositories/reconciliation.repository';
import { UsageOutboxRepository } from './repositories/usage-outbox.repository';
import { UsagePartitionRepository } from './repositories/usage-partition.repository';
import { UsageRecordRepository } from './repositories/usage-record.repository';
import { UsageRollupRepository } from './repositories/usage-rollup.repository';

const repositories = [
  AccountRepository,
  AuditLogRepository,
  ApiKeyRepository,
  CatalogueRepository,
  IdempotencyKeyRepository,
  LedgerRepository,
  PriceRepository,
  ProviderRepository,
  ReconciliationRepository,
  UsageOutboxRepository,
  UsagePartitionRepository,
  UsageRecordRepository,
  UsageRollupRepository,
];

/** PrismaService and the repositories; the only module that touches Prisma. */
@Global()
@Module({
  providers: [PrismaService, ReadPrismaService, ...repositories],
  exports: [PrismaService, ReadPrismaService, ...repositories],
})
export class DatabaseModule {}
