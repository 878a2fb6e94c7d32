import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

/** A missing or malformed variable stops a process at boot with a message naming it. */
describe.each([
  ['gateway', 'dist/apps/gateway/src/main.js'],
  ['worker', 'dist/apps/worker/src/main.js'],
])('the %s at boot', (_name, script) => {
  it('names each malformed variable, never echoes a secret, and exits 1', () => {
    const run = spawnSync(process.execPath, [join(ROOT, script)], {
      cwd: join(ROOT, 'test'), // no .env here
      env: {
        PATH: process.env.PATH,
        PORT: 'eighty',
        REDIS_URL: 'http://nope',
        ADMIN_TOKEN: 'short-secret',
      },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('PORT');
    expect(run.stderr).toContain('REDIS_URL');
    expect(run.stderr).toContain('ADMIN_TOKEN');
    expect(run.stderr + run.stdout).not.toContain('short-secret');
  });
});
