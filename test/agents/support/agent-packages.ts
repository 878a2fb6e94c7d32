import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The agent clients live in their own npm package (test/agents), installed by `npm test`
 * and kept out of the product's `npm ci`. They are loaded through this require, untyped,
 * so that `npm run check` type-checks the specs on a machine that has not installed them.
 */
const AGENTS_DIR = join(__dirname, '..');
const agentRequire = createRequire(join(AGENTS_DIR, 'package.json'));

/** A module of the agents package (`ai`, `@ai-sdk/openai`, `@langchain/core/messages` ...). */
export function agentModule(name: string): any {
  return agentRequire(name);
}

// The native binaries ship in per-platform packages; npm runs no install script here, so
// each is resolved directly rather than through the wrappers' postinstall-made shims.
function platformKey(): string {
  return `${process.platform}-${process.arch}`;
}

function packageDir(name: string): string {
  return dirname(agentRequire.resolve(`${name}/package.json`));
}

/** The Claude Code executable (a native binary in @anthropic-ai/claude-code-<platform>). */
export function claudeExecutable(): string {
  const binary = join(packageDir(`@anthropic-ai/claude-code-${platformKey()}`), 'claude');
  if (!existsSync(binary)) throw new Error(`Claude Code binary missing: ${binary}`);
  return binary;
}

/** The Codex CLI entry point (its JS launcher finds the platform package's binary). */
export function codexLauncher(): string {
  return join(packageDir('@openai/codex'), 'bin', 'codex.js');
}
