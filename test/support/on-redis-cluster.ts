/**
 * Runs a suite written for one Redis on a three-master Redis Cluster of its own: a
 * `*.cluster.e2e-spec.ts` file calls `runOnRedisCluster()` and then requires the suite;
 * `startSystem` starts the cluster (and tears it down) with REDIS_CLUSTER_NODES set.
 * Jest gives each test file its own global object, so the switch never leaks to the
 * next file.
 */
const FLAG = '__keeprouterOnRedisCluster';

export function runOnRedisCluster(): void {
  (globalThis as Record<string, unknown>)[FLAG] = true;
  // Starting and stopping six processes' worth of cluster and apps takes longer than one
  // Redis on a busy machine (a suite's afterAll once passed the 30 s default there).
  jest.setTimeout(90_000);
}

export function onRedisClusterRequested(): boolean {
  return (globalThis as Record<string, unknown>)[FLAG] === true;
}
