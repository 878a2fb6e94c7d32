import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { claudeExecutable } from './support/agent-packages';
import {
  AGENT_MODEL,
  expectChargedPerUpstreamCall,
  freshCustomer,
  startAgentSystem,
} from './support/agent-system';
import { itNeedsSystemRole } from './support/pending';
import { baseEnv, runCli } from './support/run-cli';
import type { TestSystem } from '../support/system';

const CLI_TIMEOUT_MS = 90_000;
jest.setTimeout(CLI_TIMEOUT_MS + 30_000);

/** Claude Code (`claude -p`, its default tools) against the gateway; each charge checked. */
describe('agents: Claude Code', () => {
  let system: TestSystem;
  let home: string;
  let project: string;

  beforeAll(async () => {
    ({ system } = await startAgentSystem());
    home = mkdtempSync(join(tmpdir(), 'kr-claude-home-'));
    project = mkdtempSync(join(tmpdir(), 'kr-claude-project-'));
  });
  afterAll(async () => {
    await system.stop();
    rmSync(home, { recursive: true, force: true });
    rmSync(project, { recursive: true, force: true });
  });

  /** The environment the README gives, plus a private HOME and no outside traffic. */
  const claude = (key: string, args: string[]) =>
    runCli(claudeExecutable(), args, {
      cwd: project,
      timeoutMs: CLI_TIMEOUT_MS,
      env: {
        ...baseEnv(home),
        ANTHROPIC_BASE_URL: system.gateway.url,
        ANTHROPIC_AUTH_TOKEN: key,
        ANTHROPIC_MODEL: AGENT_MODEL,
        ANTHROPIC_SMALL_FAST_MODEL: AGENT_MODEL,
        ANTHROPIC_DEFAULT_HAIKU_MODEL: AGENT_MODEL,
        DISABLE_AUTOUPDATER: '1',
        DISABLE_TELEMETRY: '1',
        DISABLE_ERROR_REPORTING: '1',
        CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
      },
    });

  itNeedsSystemRole('answers a prompt, charged once per upstream call', async () => {
    const { customer, script } = await freshCustomer(system, 'Hello from KeepRouter.');
    const result = await claude(customer.key, ['-p', 'Say hello.']);
    expect({ code: result.code, out: result.stdout.trim() }).toEqual({
      code: 0,
      out: 'Hello from KeepRouter.',
    });
    expect(await expectChargedPerUpstreamCall(system, customer, script)).toBeGreaterThan(0);
  });

  itNeedsSystemRole(
    'streams the answer delta by delta (stream-json, partial messages)',
    async () => {
      const { customer, script } = await freshCustomer(system, 'One two three four five six.');
      const result = await claude(customer.key, [
        '-p',
        'Count to six.',
        '--output-format',
        'stream-json',
        '--verbose',
        '--include-partial-messages',
      ]);
      expect(result.code).toBe(0);
      const deltas = jsonLines(result.stdout)
        .filter((e) => e.type === 'stream_event' && e.event?.type === 'content_block_delta')
        .map((e) => e.event.delta.text as string);
      expect(deltas.length).toBeGreaterThan(1);
      expect(deltas.join('')).toBe('One two three four five six.');
      expect(script.upstreamCalls().every((call) => call.stream === true)).toBe(true);
      expect(await expectChargedPerUpstreamCall(system, customer, script)).toBeGreaterThan(0);
    },
  );

  itNeedsSystemRole(
    'reads a file with its Read tool, then answers; each upstream call charged once',
    async () => {
      const secret = `the answer is ${Date.now()}`;
      const file = join(project, 'notes.txt');
      writeFileSync(file, `${secret}\n`);
      const { customer, script } = await freshCustomer(system, 'The file says so.');
      script.toolCall('Read', { file_path: file });
      const result = await claude(customer.key, [
        '-p',
        'What does notes.txt say?',
        '--output-format',
        'stream-json',
        '--verbose',
      ]);
      expect(result.code).toBe(0);
      const final = jsonLines(result.stdout).find((event) => event.type === 'result');
      expect(final).toMatchObject({ subtype: 'success', result: 'The file says so.' });
      // The tool really ran: its output went back upstream in the next call.
      const calls = script.upstreamCalls();
      const afterTool = calls.findIndex((call) => JSON.stringify(call.messages).includes(secret));
      expect(afterTool).toBeGreaterThan(0);
      expect(await expectChargedPerUpstreamCall(system, customer, script)).toBeGreaterThan(1);
    },
  );
  itNeedsSystemRole(
    'runs a shell command with its Bash tool, then answers; each upstream call charged once',
    async () => {
      const secret = `the shell says ${Date.now()}`;
      writeFileSync(join(project, 'shell.txt'), `${secret}\n`);
      const { customer, script } = await freshCustomer(system, 'The command ran.');
      script.toolCall('Bash', { command: 'cat shell.txt', description: 'Print shell.txt' });
      const result = await claude(customer.key, [
        '-p',
        'Print shell.txt with cat.',
        '--allowedTools',
        'Bash(cat:*)',
      ]);
      expect({ code: result.code, out: result.stdout.trim() }).toEqual({
        code: 0,
        out: 'The command ran.',
      });
      const calls = script.upstreamCalls();
      expect(
        calls.findIndex((call) => JSON.stringify(call.messages).includes(secret)),
      ).toBeGreaterThan(0);
      expect(await expectChargedPerUpstreamCall(system, customer, script)).toBeGreaterThan(1);
    },
  );
});

function jsonLines(text: string): any[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
}
