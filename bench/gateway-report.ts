import type { LoadResult } from './load';

export interface BenchRow {
  mode: 'non-streaming' | 'streaming';
  target: string;
  connections: number;
  result: LoadResult;
  /** Peak resident set size of the target process during the load, MiB (gateways only). */
  rssMiB?: number;
}

/** The issue's aims, printed beside what this run measured. */
export const AIMS = {
  addedP50Ms: 0.5,
  ofBareAt64: 0.5,
  ofPortkey: 5,
};

const verdict = (met: boolean) => (met ? 'met' : 'NOT met');
const errorsOf = (result: LoadResult) =>
  result.errors === 0
    ? '0'
    : `${result.errors} (${Object.entries(result.errorsBy)
        .map(([kind, n]) => `${kind}: ${n}`)
        .join(', ')})`;

export function printReport(rows: BenchRow[], connections: number): void {
  console.log(
    '\n| mode | connections | target | req/s | p50 ms | p99 ms | errors | peak RSS MiB |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const { mode, target, connections: c, result, rssMiB } of rows) {
    const rss = rssMiB === undefined ? '' : rssMiB.toFixed(0);
    console.log(
      `| ${mode} | ${c} | ${target} | ${result.perSecond.toFixed(0)} | ${result.p50Ms.toFixed(2)} | ` +
        `${result.p99Ms.toFixed(2)} | ${errorsOf(result)} | ${rss} |`,
    );
  }
  console.log('\nKeepRouter against the baselines measured above, in this run (aims beside):');
  for (const mode of ['non-streaming', 'streaming'] as const) {
    const of = (target: string, c: number) =>
      rows.find((r) => r.mode === mode && r.connections === c && r.target.startsWith(target))
        ?.result;
    const [direct1, bare1, portkey1, ours1] = ['fake', 'bare', 'Portkey', 'KeepRouter'].map((t) =>
      of(t, 1),
    );
    const [bare64, portkey64, ours64] = ['bare', 'Portkey', 'KeepRouter'].map((t) =>
      of(t, connections),
    );
    if (!direct1 || !bare1 || !ours1 || !bare64 || !ours64) continue;
    const added = ours1.p50Ms - direct1.p50Ms;
    console.log(
      `  ${mode}, 1 connection: added p50 ${added.toFixed(2)} ms (bare proxy ` +
        `${(bare1.p50Ms - direct1.p50Ms).toFixed(2)} ms${portkey1 ? `, Portkey ${(portkey1.p50Ms - direct1.p50Ms).toFixed(2)} ms` : ''})` +
        ` — aim ≤ ${AIMS.addedP50Ms} ms: ${verdict(added <= AIMS.addedP50Ms)}`,
    );
    const ofBare = ours64.perSecond / bare64.perSecond;
    console.log(
      `  ${mode}, ${connections} connections: ${ofBare.toFixed(2)}× the bare proxy's throughput` +
        ` — aim ≥ ${AIMS.ofBareAt64}×: ${verdict(ofBare >= AIMS.ofBareAt64)}`,
    );
    if (portkey64) {
      const ofPortkey = ours64.perSecond / portkey64.perSecond;
      const failing =
        portkey64.errors > 0 ? ` (Portkey answered ${portkey64.errors} with errors)` : '';
      console.log(
        `  ${mode}, ${connections} connections: ${ofPortkey.toFixed(2)}× Portkey's throughput${failing}` +
          ` — aim ≥ ${AIMS.ofPortkey}×: ${verdict(ofPortkey >= AIMS.ofPortkey)}`,
      );
    }
  }
  console.log(
    '  (2 cores shared by the load generator, every server and, on this machine, other' +
      " engineers' builds: read ratios within this run, never absolute figures.)",
  );
}
