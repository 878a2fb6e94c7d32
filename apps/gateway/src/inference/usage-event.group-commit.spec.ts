import type { UsageEvent } from '@app/queue';
import { UsageEventGroupCommit } from './usage-event.group-commit';

const event = (n: number) => ({ eventId: `gen_event${String(n).padStart(4, '0')}` }) as UsageEvent;

/** A write the test completes by hand, recording what each write carried. */
function controlledWrites() {
  const writes: Array<{ ids: string[]; finish(ok: boolean): void }> = [];
  const write = (events: UsageEvent[]) =>
    new Promise<void>((resolve, reject) =>
      writes.push({
        ids: events.map((e) => e.eventId),
        finish: (ok) => (ok ? resolve() : reject(new Error('redis down'))),
      }),
    );
  return { writes, write };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('UsageEventGroupCommit', () => {
  it('writes a lone event at once, with nothing to wait for', async () => {
    const { writes, write } = controlledWrites();
    const commit = new UsageEventGroupCommit(write, 10_000);
    const stored = commit.add(event(1));
    expect(writes.map((w) => w.ids)).toEqual([['gen_event0001']]);
    writes[0].finish(true);
    await expect(stored).resolves.toBe(true);
  });

  it('gathers the events that come during a write into the next one, and settles each only when its own write is done', async () => {
    const { writes, write } = controlledWrites();
    const commit = new UsageEventGroupCommit(write, 10_000);
    const first = commit.add(event(1));
    const later = [2, 3, 4].map((n) => commit.add(event(n)));
    let laterSettled = false;
    void Promise.all(later).then(() => (laterSettled = true));
    expect(writes).toHaveLength(1);

    writes[0].finish(true);
    await expect(first).resolves.toBe(true);
    await tick();
    expect(laterSettled).toBe(false);
    expect(writes.map((w) => w.ids)).toEqual([
      ['gen_event0001'],
      ['gen_event0002', 'gen_event0003', 'gen_event0004'],
    ]);
    writes[1].finish(true);
    await expect(Promise.all(later)).resolves.toEqual([true, true, true]);
  });

  it('answers false for every event of a failed write, so each goes to the fallback', async () => {
    const { writes, write } = controlledWrites();
    const commit = new UsageEventGroupCommit(write, 10_000);
    const first = commit.add(event(1));
    const second = commit.add(event(2));
    writes[0].finish(false);
    await expect(first).resolves.toBe(false);
    await tick();
    writes[1].finish(true);
    await expect(second).resolves.toBe(true);
  });

  it('answers false when the write outlasts the timeout, and moves on to the next batch', async () => {
    const { writes, write } = controlledWrites();
    const commit = new UsageEventGroupCommit(write, 5);
    await expect(commit.add(event(1))).resolves.toBe(false);
    const next = commit.add(event(2));
    expect(writes).toHaveLength(2);
    writes[1].finish(true);
    await expect(next).resolves.toBe(true);
  });
});
