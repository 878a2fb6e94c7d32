import { JsonLogger } from './json.logger';
import { runWithRequestId } from './request-context';

describe('JsonLogger', () => {
  let lines: string[];
  const destination = { write: (line: string) => lines.push(line) };

  beforeEach(() => {
    lines = [];
  });

  const logged = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

  it('writes one JSON line with level, context and the request id of the current request', async () => {
    const logger = new JsonLogger('gateway', 'info', destination);
    await runWithRequestId('gen_abc', async () => {
      await Promise.resolve();
      logger.warn('upstream slow', 'UpstreamClient');
    });
    logger.log('outside any request', 'Main');
    await new Promise((resolve) => setImmediate(resolve));
    const [inside, outside] = logged();
    expect(inside).toMatchObject({
      level: 40,
      service: 'gateway',
      context: 'UpstreamClient',
      requestId: 'gen_abc',
      msg: 'upstream slow',
    });
    expect(outside.requestId).toBeUndefined();
  });

  it('never writes a key or an authorization header, even inside an object', async () => {
    const logger = new JsonLogger('gateway', 'info', destination);
    logger.log(
      { key: 'kr-secret', headers: { authorization: 'Bearer kr-secret2' }, apiKey: 'sk-3' },
      'Careless',
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.join('')).not.toMatch(/kr-secret|sk-3/);
    expect(lines.join('')).toContain('[redacted]');
  });
});
