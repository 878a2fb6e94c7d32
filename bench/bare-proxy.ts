import { createServer } from 'node:http';
import { Pool } from 'undici';

/**
 * The baseline: the same forwarding with nothing else, node:http in front of an undici
 * pool. `tsx bench/bare-proxy.ts <port> <upstream origin>`.
 */
const [port, upstream] = [Number(process.argv[2]), process.argv[3]];
const pool = new Pool(upstream, { connections: 256, pipelining: 1 });

createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    pool
      .request({
        method: 'POST',
        path: request.url ?? '/',
        headers: { 'content-type': 'application/json', authorization: 'Bearer bench' },
        body: Buffer.concat(chunks),
      })
      .then(async (upstreamResponse) => {
        response.writeHead(upstreamResponse.statusCode, {
          'content-type': String(upstreamResponse.headers['content-type'] ?? 'application/json'),
        });
        for await (const chunk of upstreamResponse.body) response.write(chunk);
        response.end();
      })
      .catch(() => {
        response.writeHead(502).end();
      });
  });
}).listen(port, '127.0.0.1', () => process.stdout.write(`bare proxy on ${port}\n`));
