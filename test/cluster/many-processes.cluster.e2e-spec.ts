import { runOnRedisCluster } from '../support/on-redis-cluster';
// The same suite as ../many-processes.e2e-spec.ts, on a three-master Redis Cluster of its
// own (its systems start in beforeAll, after this file set the switch).
import '../many-processes.e2e-spec';

runOnRedisCluster();
