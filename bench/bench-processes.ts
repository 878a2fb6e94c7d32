import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

/** Child processes of a benchmark, stopped together at the end. */
export class BenchProcesses {
  private readonly children = new Map<string, ChildProcess>();

  /** Starts `node <args>` and resolves when its output contains `ready`. */
  start(name: string, args: string[], env: NodeJS.ProcessEnv, ready: string): Promise<void> {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.children.set(name, child);
    return new Promise((resolve, reject) => {
      let output = '';
      const onData = (chunk: Buffer) => {
        // Only the start-up output is kept: a chatty child must not grow this string forever.
        if (output.length < 100_000) output += chunk.toString();
        if (output.includes(ready)) resolve();
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => reject(new Error(`${name} exited (${code}):\n${output}`)));
    });
  }

  /** Resident set size of a started process now, in MiB (Linux /proc); NaN when unknown. */
  rssMiB(name: string): number {
    const pid = this.children.get(name)?.pid;
    if (pid === undefined) return NaN;
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
      return kb === undefined ? NaN : Number(kb) / 1024;
    } catch {
      return NaN;
    }
  }

  /** Stops one process and resolves when it has exited (a CPU profile is written on exit). */
  stop(name: string): Promise<void> {
    const child = this.children.get(name);
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      child.removeAllListeners('exit');
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }

  stopAll(): void {
    this.children.forEach((child) => child.kill('SIGTERM'));
  }
}
