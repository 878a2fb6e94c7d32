import { createServer, type Server } from 'node:http';
import type { PrismaService } from '@app/database';
import type { MetricsService } from '@app/metrics';

/**
 * The worker's only HTTP: GET /health/live, /health/ready (PostgreSQL answers) and /metrics.
 * Plain node:http, so the worker carries no web framework.
 */
export function startWorkerHealthServer(
  prisma: PrismaService,
  metrics: MetricsService,
  port: number,
): Promise<Server> {
  const server = createServer((request, response) => {
    const reply = (status: number, body: object) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.method !== 'GET') return reply(405, { status: 'method not allowed' });
    if (request.url === '/health/live') return reply(200, { status: 'ok' });
    if (request.url === '/health/ready') {
      void prisma
        .isReady()
        .then((ready) => reply(ready ? 200 : 503, { status: ready ? 'ok' : 'unavailable' }));
      return;
    }
    if (request.url === '/metrics') {
      void metrics.render().then(({ contentType, body }) => {
        response.writeHead(200, { 'content-type': contentType });
        response.end(body);
      });
      return;
    }
    reply(404, { status: 'not found' });
  });
  return new Promise((resolve) => server.listen(port, '0.0.0.0', () => resolve(server)));
}
