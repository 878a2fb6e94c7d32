import { createPrismaClient, type PrismaClient, type PrismaService } from '@app/database';
import { createParents, testDatabaseUrl, usageRecordData } from '@app/testing';
import { UsagePartitionRepository } from './repositories/usage-partition.repository';

/**
 * usage_records is partitioned by UTC month. These tests work in 2001, a year no other
 * test writes to, and drop what they create, so the other files sharing this database
 * keep their partitions.
 */
describe('usage record partitions', () => {
  let prisma: PrismaClient;
  let partitions: UsagePartitionRepository;
  let ids: {
    accountId: string;
    apiKeyId: string;
    modelId: string;
    priceId: string;
    providerId: string;
  };

  const where2001 = (name: string) => name.startsWith('usage_records_p2001');
  const partitionOf = async (id: string) => {
    const [row] = await prisma.$queryRaw<Array<{ part: string }>>`
      SELECT tableoid::regclass::text AS part FROM usage_records WHERE id = ${id}`;
    return row?.part;
  };
  const record = async (occurredAt: string) => {
    const data = { ...usageRecordData(ids), occurredAt: new Date(occurredAt) };
    await prisma.usageRecord.create({ data });
    return data.id;
  };

  beforeAll(async () => {
    prisma = createPrismaClient(testDatabaseUrl());
    partitions = new UsagePartitionRepository(prisma as unknown as PrismaService);
    const parents = await createParents(prisma);
    ids = {
      accountId: parents.account.id,
      apiKeyId: parents.apiKey.id,
      modelId: parents.model.id,
      priceId: parents.price.id,
      providerId: parents.provider.id,
    };
  });
  afterAll(async () => {
    for (const p of (await partitions.list()).filter((p) => where2001(p.name)))
      await prisma.$executeRawUnsafe(`DROP TABLE "${p.name}"`);
    await prisma.$executeRawUnsafe(
      `DELETE FROM usage_records_default WHERE occurred_at < '2002-01-01'`,
    );
    await prisma.$disconnect();
  });

  it('the migration made this month, the next two and a default partition', async () => {
    const now = new Date();
    const months = (await partitions.list()).map((p) => p.from.toISOString().slice(0, 7));
    for (let i = 0; i < 3; i++) {
      const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + i, 1));
      expect(months).toContain(month.toISOString().slice(0, 7));
    }
    const [kind] = await prisma.$queryRaw<Array<{ strategy: string; column: string }>>`
      SELECT p.partstrat::text AS strategy, a.attname::text AS column
        FROM pg_partitioned_table p
        JOIN pg_attribute a ON a.attrelid = p.partrelid AND a.attnum = p.partattrs[0]
       WHERE p.partrelid = 'usage_records'::regclass`;
    expect(kind).toEqual({ strategy: 'r', column: 'occurred_at' });
  });

  it('a record of a month without its partition waits in the default one; maintenance moves it to its month', async () => {
    const id = await record('2001-05-31T23:59:59.999Z');
    expect(await partitionOf(id)).toBe('usage_records_default');
    expect(await partitions.defaultRowCount()).toBeGreaterThanOrEqual(1);
    expect(await partitions.adoptDefaultRows()).toContain('usage_records_p200105');
    expect(await partitionOf(id)).toBe('usage_records_p200105');
    expect(await partitions.defaultRowCount()).toBe(0);
    // Idempotent, and safe when several workers run it at once.
    await Promise.all([
      partitions.createMonths(new Date('2001-05-01T00:00:00Z'), 2),
      partitions.createMonths(new Date('2001-05-01T00:00:00Z'), 2),
    ]);
    expect((await partitions.list()).filter((p) => where2001(p.name)).map((p) => p.name)).toEqual([
      'usage_records_p200105',
      'usage_records_p200106',
    ]);
  });

  it('the primary key (id, occurred_at) refuses a second record of one event', async () => {
    const data = { ...usageRecordData(ids), occurredAt: new Date('2001-06-02T00:00:00Z') };
    await prisma.usageRecord.create({ data });
    await expect(prisma.usageRecord.create({ data })).rejects.toMatchObject({ code: 'P2002' });
  });

  it('retention detaches and drops whole months before the cutoff and keeps the rest', async () => {
    await partitions.createMonths(new Date('2001-01-01T00:00:00Z'), 3);
    const january = await record('2001-01-15T00:00:00Z');
    const february = await record('2001-02-28T23:59:59.999Z');
    const march = await record('2001-03-01T00:00:00Z');
    const dropped = await partitions.dropBefore(new Date('2001-03-01T00:00:00Z'));
    expect(dropped).toEqual(['usage_records_p200101', 'usage_records_p200102']);
    expect(await partitionOf(january)).toBeUndefined();
    expect(await partitionOf(february)).toBeUndefined();
    expect(await partitionOf(march)).toBe('usage_records_p200103');
    const left = await prisma.$queryRaw<Array<{ name: string }>>`
      SELECT relname::text AS name FROM pg_class WHERE relname IN ('usage_records_p200101', 'usage_records_p200102')`;
    expect(left).toEqual([]);
  });
});
