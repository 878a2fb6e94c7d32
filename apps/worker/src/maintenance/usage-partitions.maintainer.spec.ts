import type { UsagePartitionRepository } from '@app/database';
import { UsagePartitionsMaintainer } from './usage-partitions.maintainer';

describe('UsagePartitionsMaintainer', () => {
  const fake = () => {
    const calls: string[] = [];
    const repository = {
      createMonths: (from: Date, months: number) => {
        calls.push(`create ${from.toISOString().slice(0, 7)} x${months}`);
        return Promise.resolve([]);
      },
      adoptDefaultRows: () => {
        calls.push('adopt');
        return Promise.resolve([]);
      },
      dropBefore: (cutoff: Date) => {
        calls.push(`drop before ${cutoff.toISOString()}`);
        return Promise.resolve([]);
      },
    } as unknown as UsagePartitionRepository;
    return { calls, repository };
  };

  it('creates this month and the next two, and keeps everything without a retention', async () => {
    const { calls, repository } = fake();
    await new UsagePartitionsMaintainer(repository, undefined).run(
      new Date('2026-12-31T23:59:59Z'),
    );
    expect(calls).toEqual(['create 2026-12 x3', 'adopt']);
  });

  it('drops whole months before the current one minus the retention', async () => {
    const { calls, repository } = fake();
    await new UsagePartitionsMaintainer(repository, 13).run(new Date('2026-02-10T00:00:00Z'));
    expect(calls).toEqual(['create 2026-02 x3', 'adopt', 'drop before 2025-01-01T00:00:00.000Z']);
  });
});
