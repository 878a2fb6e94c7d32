import type { INestApplication, LoggerService } from '@nestjs/common';
import type { Server } from 'node:http';

/**
 * SIGTERM/SIGINT: stop accepting connections, let in-flight requests (streams included)
 * finish and be metered, then close the application (queues, pools, database). Nest's
 * own shutdown hooks would tear the upstream pools and Redis down under live requests.
 */
export function installGracefulShutdown(
  app: INestApplication,
  logger: LoggerService,
  drainTimeoutMs: number,
): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: draining in-flight requests`, 'Shutdown');
    const server = app.getHttpServer() as Server;
    const drained = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const timedOut = new Promise<'timeout'>((resolve) =>
      setTimeout(resolve, drainTimeoutMs, 'timeout').unref(),
    );
    if ((await Promise.race([drained, timedOut])) === 'timeout') {
      logger.warn(`requests still open after ${drainTimeoutMs} ms; closing them`, 'Shutdown');
      server.closeAllConnections();
    }
    await app.close();
    logger.log('stopped', 'Shutdown');
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}
