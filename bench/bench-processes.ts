import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

/** Child processes of a benchmark, stopped together at the end. */
export class BenchProcesses {
  private readonly children: ChildProcess[] = [];

  /** Starts `node <args>` and resolves when its output contains `ready`. */
  start(name: string, args: string[], env: NodeJS.ProcessEnv, ready: string): Promise<void> {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.children.push(child);
    return new Promise((resolve, reject) => {
      let output = '';
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes(ready)) resolve();
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => reject(new Error(`${name} exited (${code}):\n${output}`)));
    });
  }

  stopAll(): void {
    this.children.forEach((child) => child.kill('SIGTERM'));
  }
}
