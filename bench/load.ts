import { Pool } from 'undici';

export interface LoadResult {
  requests: number;
  errors: number;
  /** Errors by HTTP status (or 'network'), to tell a refusal from a crash. */
  errorsBy: Record<string, number>;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export interface LoadOptions {
  url: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  connections: number;
  durationMs: number;
  warmupMs: number;
}

/**
 * A closed-loop load: `connections` clients each send a request, read the whole answer
 * (a stream to its end) and send the next. Latency is measured per request, after a warm-up.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const pool = new Pool(options.url, { connections: options.connections, pipelining: 1 });
  const latencies: number[] = [];
  let errors = 0;
  const errorsBy: Record<string, number> = {};
  const failed = (kind: string) => {
    errors++;
    errorsBy[kind] = (errorsBy[kind] ?? 0) + 1;
  };
  const start = Date.now();
  const measureFrom = start + options.warmupMs;
  const end = measureFrom + options.durationMs;
  const client = async () => {
    while (Date.now() < end) {
      const began = performance.now();
      try {
        const response = await pool.request({
          method: 'POST',
          path: options.path,
          headers: options.headers,
          body: options.body,
        });
        for await (const _chunk of response.body) {
          // drain
        }
        if (response.statusCode !== 200) failed(String(response.statusCode));
      } catch {
        failed('network');
      }
      if (Date.now() >= measureFrom && Date.now() < end) latencies.push(performance.now() - began);
    }
  };
  await Promise.all(Array.from({ length: options.connections }, client));
  await pool.close();
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return {
    requests: latencies.length,
    errors,
    errorsBy,
    seconds: options.durationMs / 1000,
    perSecond: latencies.length / (options.durationMs / 1000),
    p50Ms: at(0.5),
    p99Ms: at(0.99),
  };
}
