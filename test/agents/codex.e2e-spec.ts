import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codexLauncher } from './support/agent-packages';
import {
  AGENT_MODEL,
  expectChargedPerUpstreamCall,
  freshCustomer,
  startAgentSystem,
} from './support/agent-system';
import { itNeedsResponsesApi } from './support/pending';
import { baseEnv, runCli } from './support/run-cli';
import type { TestSystem } from '../support/system';

const CLI_TIMEOUT_MS = 90_000;
jest.setTimeout(CLI_TIMEOUT_MS + 30_000);

/** The README's Codex configuration: a custom provider on the Responses API. */
function codexConfig(gatewayUrl: string): string {
  return [
    `model = "${AGENT_MODEL}"`,
    'model_provider = "keeprouter"',
    'check_for_update_on_startup = false',
    '',
    '[analytics]',
    'enabled = false',
    '',
    '[model_providers.keeprouter]',
    'name = "KeepRouter"',
    `base_url = "${gatewayUrl}/v1"`,
    'env_key = "KEEPROUTER_KEY"',
    'wire_api = "responses"',
    // A failed test should fail once, not after Codex's retries.
    'request_max_retries = 0',
    'stream_max_retries = 0',
    '',
  ].join('\n');
}

/** Codex CLI (`codex exec`, a custom provider) against the gateway; each charge checked. */
describe('agents: Codex CLI', () => {
  let system: TestSystem;
  let home: string;
  let project: string;

  beforeAll(async () => {
    ({ system } = await startAgentSystem());
    home = mkdtempSync(join(tmpdir(), 'kr-codex-home-'));
    project = mkdtempSync(join(tmpdir(), 'kr-codex-project-'));
    writeFileSync(join(home, 'config.toml'), codexConfig(system.gateway.url));
  });
  afterAll(async () => {
    await system.stop();
    rmSync(home, { recursive: true, force: true });
    rmSync(project, { recursive: true, force: true });
  });

  /** Runs `codex exec PROMPT`, returning the exit code and Codex's last message. */
  const codexExec = async (key: string, prompt: string, extra: string[] = []) => {
    const lastMessage = join(home, `last-${Date.now()}.txt`);
    const result = await runCli(
      process.execPath,
      [codexLauncher(), 'exec', '--skip-git-repo-check', '-o', lastMessage, ...extra, prompt],
      {
        cwd: project,
        timeoutMs: CLI_TIMEOUT_MS,
        env: { ...baseEnv(home), CODEX_HOME: home, KEEPROUTER_KEY: key },
      },
    );
    const answer = result.code === 0 ? readFileSync(lastMessage, 'utf8').trim() : result.stderr;
    return { code: result.code, answer };
  };

  itNeedsResponsesApi('answers a prompt, charged once per upstream call', async () => {
    const { customer, script } = await freshCustomer(system, 'Hello from KeepRouter.');
    expect(await codexExec(customer.key, 'Say hello.')).toEqual({
      code: 0,
      answer: 'Hello from KeepRouter.',
    });
    // Codex always streams.
    expect(script.upstreamCalls().every((call) => call.stream === true)).toBe(true);
    expect(await expectChargedPerUpstreamCall(system, customer, script)).toBeGreaterThan(0);
  });

  itNeedsResponsesApi(
    'runs a shell command with its exec_command tool, then answers; each call charged once',
    async () => {
      const secret = `the answer is ${Date.now()}`;
      writeFileSync(join(project, 'notes.txt'), `${secret}\n`);
      const { customer, script } = await freshCustomer(system, 'The file says so.');
      script.toolCall('exec_command', { cmd: 'cat notes.txt' });
      expect(await codexExec(customer.key, 'What does notes.txt say?')).toEqual({
        code: 0,
        answer: 'The file says so.',
      });
      // The command really ran: its output went back upstream in the next call.
      const calls = script.upstreamCalls();
      const afterTool = calls.findIndex((call) => JSON.stringify(call.messages).includes(secret));
      expect(afterTool).toBeGreaterThan(0);
      expect(await expectChargedPerUpstreamCall(system, customer, script)).toBeGreaterThan(1);
    },
  );
});
