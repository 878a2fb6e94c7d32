import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Portkey's open-source gateway, a peer measured beside KeepRouter. It lives in its own
 * package (bench/peers/portkey, version pinned by its lock file) so that its 25 MB of
 * dependencies never enter the product's; the bench installs it the first time it runs.
 * Its postinstall (patch-package) has no patches to apply in the published package, so
 * install scripts stay off.
 */
const PACKAGE = join(__dirname, 'portkey');
export const PORTKEY_ENTRY = join(
  PACKAGE,
  'node_modules',
  '@portkey-ai',
  'gateway',
  'build',
  'start-server.js',
);

export function ensurePortkeyInstalled(): void {
  if (existsSync(PORTKEY_ENTRY)) return;
  console.log('installing the Portkey peer (bench/peers/portkey, once)…');
  execFileSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], {
    cwd: PACKAGE,
    stdio: 'inherit',
  });
}

/** The headers that make Portkey forward to an OpenAI-compatible host: ours, the fake upstream. */
export function portkeyHeaders(upstreamOrigin: string): Record<string, string> {
  return {
    'x-portkey-provider': 'openai',
    'x-portkey-custom-host': `${upstreamOrigin}/v1`,
  };
}
