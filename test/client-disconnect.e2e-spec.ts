import { connect, type Socket } from 'node:net';
import { waitFor } from '@app/testing';
import { fundedCustomer } from './support/customer';
import { startSystem, type TestSystem } from './support/system';

const WRITE_TIMEOUT_MS = 500;

/** A raw HTTP/1.1 client: sends a streamed chat completion and leaves the rest to the test. */
function rawStreamRequest(gatewayUrl: string, key: string): Socket {
  const { hostname, port } = new URL(gatewayUrl);
  const body = JSON.stringify({
    model: 'magistral-medium-latest',
    messages: [{ role: 'user', content: 'Hello' }],
    stream: true,
  });
  const socket = connect(Number(port), hostname);
  socket.on('error', () => undefined);
  socket.write(
    `POST /v1/chat/completions HTTP/1.1\r\nHost: ${hostname}:${port}\r\n` +
      `Authorization: Bearer ${key}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
  return socket;
}

describe('a client that leaves or stops reading never stops metering nor holds the upstream', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startSystem({ env: { CLIENT_WRITE_TIMEOUT_MS: String(WRITE_TIMEOUT_MS) } });
  });
  beforeEach(() => system.upstream.reset());
  afterAll(async () => {
    await system.stop();
  });

  it('meters at the upstream counts a stream whose client left before the upstream headers', async () => {
    const customer = await fundedCustomer(system);
    system.upstream.enqueue({
      kind: 'reply',
      text: 'one two three',
      delayMs: 800,
      usage: { promptTokens: 1234, completionTokens: 56 },
    });
    const socket = rawStreamRequest(system.gateway.url, customer.key);
    // Gone while the gateway still waits for the upstream's headers.
    await waitFor('the request upstream', () => system.upstream.requests[0]);
    socket.destroy();

    const [record] = await customer.priced(1);
    expect(record).toMatchObject({ inputTokens: 1234n, outputTokens: 56n, estimated: false });
    // 1234 × $2/M + 56 × $5/M
    expect(record.cost.toString()).toBe('0.002748');
    // The upstream's answer was read to its end: its connection is back in the pool.
    await waitFor('the upstream answer consumed', () => system.upstream.requests[0].finished);
    await customer.settled();
    const next = await customer.openai.chat.completions.create({
      model: 'magistral-medium-latest',
      messages: [{ role: 'user', content: 'Hello' }],
    });
    expect(next.choices[0].message.content).toBe('Hello from the fake upstream.');
  });

  it('gives up writing to a client that stops reading, reads the upstream to its end and meters it', async () => {
    const customer = await fundedCustomer(system);
    // About 16 MB of stream: far more than the sockets between the gateway and the client hold.
    const word = 'x'.repeat(4000);
    system.upstream.enqueue({
      kind: 'reply',
      text: Array.from({ length: 4000 }, () => word).join(' '),
      usage: { promptTokens: 10, completionTokens: 4000 },
    });
    const socket = rawStreamRequest(system.gateway.url, customer.key);
    let received = 0;
    socket.on('data', (data: Buffer) => {
      received += data.length;
      // Reads the head and a little of the stream, then never reads again.
      socket.pause();
    });

    const [record] = await customer.priced(1, 30_000);
    expect(record).toMatchObject({ inputTokens: 10n, outputTokens: 4000n, estimated: false });
    // 10 × $2/M + 4000 × $5/M
    expect(record.cost.toString()).toBe('0.02002');
    expect(system.upstream.requests[0].finished).toBe(true);
    expect(received).toBeLessThan(16_000_000);
    socket.destroy();
    await customer.settled();
  }, 60_000);
});
