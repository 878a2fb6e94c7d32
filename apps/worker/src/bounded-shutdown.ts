import type { INestApplicationContext, LoggerService } from '@nestjs/common';

/**
 * Waits for a shutdown step at most `ms`; logs and moves on when it does not finish (its
 * dependency is gone). Whatever the step left undone is safe to drop: an event not yet
 * committed is still in the queue or the outbox and is delivered again.
 */
export async function boundedStep(
  label: string,
  step: Promise<unknown>,
  ms: number,
  logger: Pick<LoggerService, 'warn'>,
): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(resolve, ms, 'timeout');
    timer.unref();
  });
  try {
    const outcome = await Promise.race([step.then(() => 'done' as const), timedOut]);
    if (outcome === 'timeout') {
      logger.warn(`shutdown step '${label}' did not finish within ${ms} ms; going on without it`);
      return false;
    }
    return true;
  } catch (error) {
    logger.warn(`shutdown step '${label}' failed: ${(error as Error).message}`);
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * SIGTERM/SIGINT: closes the application (queue consumers, the batch in progress, pools),
 * bounded as a whole by `timeoutMs`, then exits: 0 when every step finished, 1 when one had
 * to be abandoned. Nest's own shutdown hooks would wait for ever on a dead Redis or
 * PostgreSQL, and an orchestrator would have to SIGKILL the process.
 */
export function installBoundedShutdown(
  app: INestApplicationContext,
  logger: LoggerService,
  timeoutMs: number,
  before: () => Promise<unknown> = async () => undefined,
): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: stopping`, 'Shutdown');
    const closed = await boundedStep(
      'close the application',
      before().then(() => app.close()),
      timeoutMs,
      {
        warn: (message: string) => {
          logger.warn(message, 'Shutdown');
        },
      },
    );
    logger.log(closed ? 'stopped' : 'stopped with steps abandoned', 'Shutdown');
    process.exit(closed ? 0 : 1);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}
