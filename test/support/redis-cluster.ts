import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Redis, { Cluster } from 'ioredis';
import { waitFor } from '@app/testing';

const run = promisify(execFile);

/** True when the port is free on loopback right now. */
function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/** A free port whose cluster bus port (port + 10000) is free too. */
async function freeClusterPort(taken: Set<number>): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 30_000);
    if (taken.has(port) || taken.has(port + 10_000)) continue;
    if ((await isFree(port)) && (await isFree(port + 10_000))) return port;
  }
  throw new Error('no free port pair for a Redis Cluster node');
}

interface ClusterNode {
  port: number;
  process: ChildProcess;
}

/** Not exited (a SIGKILLed process has a signalCode and no exitCode). */
function alive(node: ClusterNode): boolean {
  return node.process.exitCode === null && node.process.signalCode === null;
}

/**
 * A Redis Cluster of the test's own on loopback: three masters (and a replica each when
 * asked, for fail-over tests), made with `redis-server --cluster-enabled yes` and
 * `redis-cli --cluster create`. `destroy()` kills every node and removes its files; call
 * it in afterAll even when the start failed half-way.
 */
export class RedisCluster {
  private readonly nodes: ClusterNode[] = [];
  private readonly dir = mkdtempSync(join(tmpdir(), 'kr-cluster-'));

  private constructor(private readonly replicas: number) {}

  /** Clusters not destroyed yet: killed when the test process exits, however it exits. */
  private static readonly running = new Set<RedisCluster>();

  static {
    process.once('exit', () => {
      for (const cluster of RedisCluster.running) cluster.killNow();
    });
  }

  static async start(options: { replicas?: 0 | 1 } = {}): Promise<RedisCluster> {
    const cluster = new RedisCluster(options.replicas ?? 0);
    RedisCluster.running.add(cluster);
    try {
      await cluster.boot();
    } catch (error) {
      await cluster.destroy();
      throw error;
    }
    return cluster;
  }

  /** `host:port,…` for REDIS_CLUSTER_NODES. */
  get nodesSetting(): string {
    return this.nodes.map((node) => `127.0.0.1:${node.port}`).join(',');
  }

  private async boot(): Promise<void> {
    const taken = new Set<number>();
    const count = 3 * (1 + this.replicas);
    for (let i = 0; i < count; i++) {
      const port = await freeClusterPort(taken);
      taken.add(port);
      taken.add(port + 10_000);
      this.nodes.push({ port, process: this.spawnNode(port) });
    }
    for (const node of this.nodes) await this.waitForPing(node.port);
    await run(
      'redis-cli',
      [
        '--cluster',
        'create',
        ...this.nodes.map((node) => `127.0.0.1:${node.port}`),
        '--cluster-replicas',
        String(this.replicas),
        '--cluster-yes',
      ],
      { timeout: 60_000 },
    );
    await waitFor(
      'the cluster to cover every slot',
      async () => {
        for (const node of this.nodes) {
          const info = await this.command(node.port, 'cluster', 'info');
          if (!info.includes('cluster_state:ok')) return undefined;
        }
        return true;
      },
      30_000,
    );
    if (this.replicas)
      await waitFor(
        'every replica to sync',
        async () => {
          for (const port of await this.replicaPorts()) {
            const info = await this.command(port, 'info', 'replication');
            if (!info.includes('master_link_status:up')) return undefined;
          }
          return true;
        },
        30_000,
      );
  }

  private spawnNode(port: number): ChildProcess {
    const dir = join(this.dir, String(port));
    mkdirSync(dir);
    // Append-only, fsync every write: queued usage events are money, here as in production.
    return spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        'nodes.conf',
        '--cluster-node-timeout',
        '2000',
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--save',
        '',
        '--dir',
        dir,
      ],
      { stdio: 'ignore' },
    );
  }

  private async waitForPing(port: number): Promise<void> {
    await waitFor(
      `redis-server on ${port}`,
      async () => {
        try {
          return (await this.command(port, 'ping')) === 'PONG' ? true : undefined;
        } catch {
          return undefined;
        }
      },
      30_000,
    );
  }

  /** One command on one node, on a connection of its own. */
  async command(port: number, ...args: string[]): Promise<string> {
    const client = new Redis(port, '127.0.0.1', {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    try {
      await client.connect();
      return String(await client.call(args[0], ...args.slice(1)));
    } finally {
      client.disconnect();
    }
  }

  private async roles(): Promise<Array<{ port: number; role: string }>> {
    const live = this.nodes.filter((node) => alive(node));
    return Promise.all(
      live.map(async (node) => {
        const info = await this.command(node.port, 'info', 'replication');
        return { port: node.port, role: /role:(\w+)/.exec(info)?.[1] ?? '?' };
      }),
    );
  }

  async masterPorts(): Promise<number[]> {
    return (await this.roles()).filter((r) => r.role === 'master').map((r) => r.port);
  }

  private async replicaPorts(): Promise<number[]> {
    return (await this.roles()).filter((r) => r.role === 'slave').map((r) => r.port);
  }

  /** The port of the master serving a key's slot. */
  async masterOf(key: string): Promise<number> {
    const any = this.nodes.find((node) => alive(node))!;
    const slot = Number(await this.command(any.port, 'cluster', 'keyslot', key));
    const client = new Cluster([{ host: '127.0.0.1', port: any.port }], {
      lazyConnect: true,
      clusterRetryStrategy: () => null,
    });
    try {
      await client.connect();
      const ranges = await client.cluster('SLOTS');
      const range = ranges.find(([from, to]) => slot >= from && slot <= to)!;
      return Number(range[2][1]);
    } finally {
      client.disconnect();
    }
  }

  /** How many keys match the pattern, over every live master. */
  async keyCount(pattern: string): Promise<number> {
    let count = 0;
    for (const port of await this.masterPorts()) {
      let cursor = '0';
      do {
        const client = new Redis(port, '127.0.0.1', { maxRetriesPerRequest: 0 });
        try {
          const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
          cursor = next;
          count += keys.length;
        } finally {
          client.disconnect();
        }
      } while (cursor !== '0');
    }
    return count;
  }

  /** The port of the replica of a master (a cluster started with replicas). */
  async replicaOf(masterPort: number): Promise<number> {
    for (const port of await this.replicaPorts()) {
      const info = await this.command(port, 'info', 'replication');
      if (info.includes(`master_port:${masterPort}`)) return port;
    }
    throw new Error(`no replica of ${masterPort}`);
  }

  /** SIGSTOP a node: it keeps its sockets but reads nothing until resumed. */
  pause(port: number): void {
    this.nodes.find((n) => n.port === port)!.process.kill('SIGSTOP');
  }

  resume(port: number): void {
    this.nodes.find((n) => n.port === port)!.process.kill('SIGCONT');
  }

  /** SIGKILL a node (a crash); with replicas, the cluster promotes one within seconds. */
  async kill(port: number): Promise<void> {
    const node = this.nodes.find((n) => n.port === port)!;
    if (!alive(node)) return;
    const exited = new Promise((resolve) => node.process.once('exit', resolve));
    node.process.kill('SIGKILL');
    await exited;
  }

  /** Waits until the cluster serves every slot again (after a fail-over). */
  async waitUntilHealthy(): Promise<void> {
    await waitFor(
      'the cluster to fail over and serve every slot',
      async () => {
        for (const node of this.nodes.filter((n) => alive(n))) {
          const info = await this.command(node.port, 'cluster', 'info').catch(() => '');
          if (!info.includes('cluster_state:ok')) return undefined;
        }
        return true;
      },
      30_000,
    );
  }

  async destroy(): Promise<void> {
    await Promise.all(this.nodes.map((node) => this.kill(node.port)));
    rmSync(this.dir, { recursive: true, force: true });
    RedisCluster.running.delete(this);
  }

  /** Synchronous last resort (process exit): SIGKILL every node, remove the files. */
  private killNow(): void {
    for (const node of this.nodes) if (alive(node)) node.process.kill('SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  }
}
