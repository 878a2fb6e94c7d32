import type { ChildProcess } from 'node:child_process';
import { waitFor } from '@app/testing';
import { fundedCustomer } from './support/customer';
import { freePort, spawnGatewayProcess } from './support/gateway-process';
import { startSystem, type TestSystem } from './support/system';

/**
 * Issue 11: the gateway (the built process, its pino JSON lines on stdout) writes one
 * access-log line per request: method, path, status, duration, request id, key id, model,
 * cost; never the key, a header or a body.
 */
describe('the access log', () => {
  let system: TestSystem;
  let gateway: ChildProcess | undefined;
  let output = '';

  beforeAll(async () => {
    system = await startSystem();
    const port = await freePort();
    gateway = await spawnGatewayProcess(system.config, port, system.upstream.url, (child) => {
      gateway = child;
      child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    });
    (system as unknown as { childUrl: string }).childUrl = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    gateway?.kill('SIGKILL');
    await system.stop();
  });

  const accessLines = () =>
    output
      .split('\n')
      .filter((line) => line.includes('"AccessLog"'))
      .map((line) => JSON.parse(line) as { requestId?: string; detail: { access: any } });

  it('logs a metered call with its key id, model and cost, and never the key or the body', async () => {
    const url = (system as unknown as { childUrl: string }).childUrl;
    const customer = await fundedCustomer(system, '10', url);
    system.upstream.setDefault({
      kind: 'reply',
      usage: { promptTokens: 1000, completionTokens: 500 },
    });
    const secretPrompt = 'the-prompt-text-that-must-not-be-logged';
    const answer = await fetch(`${url}/v1/chat/completions?note=x`, {
      method: 'POST',
      headers: { authorization: `Bearer ${customer.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'magistral-medium-latest',
        messages: [{ role: 'user', content: secretPrompt }],
      }),
    });
    expect(answer.status).toBe(200);
    const requestId = answer.headers.get('x-request-id');
    const refused = await fetch(`${url}/v1/account`, {
      headers: { 'x-api-key': 'kr-not-a-real-key-but-secret-looking-0123456789abcdef' },
    });
    expect(refused.status).toBe(401);

    const line = await waitFor('the access-log line', () =>
      accessLines().find((l) => l.detail.access.request_id === requestId),
    );
    expect(line.detail.access).toEqual({
      method: 'POST',
      path: '/v1/chat/completions',
      status: 200,
      duration_ms: expect.any(Number),
      request_id: requestId,
      key_id: customer.keyId,
      model: 'magistral-medium-latest',
      cost: '0.0045',
    });
    const refusedLine = await waitFor('the refused request line', () =>
      accessLines().find((l) => l.detail.access.path === '/v1/account'),
    );
    expect(refusedLine.detail.access).toMatchObject({ status: 401, key_id: null, model: null });
    expect(output).not.toContain(customer.key);
    expect(output).not.toContain('kr-not-a-real-key');
    expect(output).not.toContain(secretPrompt);
  });
});
