import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';
import { currentRequestId } from './request-context';

/**
 * Keys, tokens and authorization headers never reach a log line, even when a careless
 * call logs an object that holds one.
 */
const SECRET_FIELDS = ['authorization', '"x-api-key"', 'key', 'apiKey', 'token', 'password'];
const REDACT = ['', '*.', 'detail.', 'detail.*.', 'detail.*.*.'].flatMap((prefix) =>
  SECRET_FIELDS.map((field) =>
    field.startsWith('"') ? `${prefix.slice(0, -1) || '*'}[${field}]` : `${prefix}${field}`,
  ),
);

/** Lines wait in memory until this many bytes, or the next flush tick, then go in one write. */
const BUFFER_BYTES = 4096;
const FLUSH_INTERVAL_MS = 100;

let sharedDestination: pino.DestinationStream | undefined;

/**
 * Standard output, written asynchronously and in batches: a line per write costs a system
 * call on every request's hot path (the access log). Lines are at most FLUSH_INTERVAL_MS
 * late; pino flushes what is left synchronously when the process exits (a SIGKILL loses at
 * most that interval's lines).
 */
function stdoutDestination(): pino.DestinationStream {
  if (sharedDestination) return sharedDestination;
  const destination = pino.destination({ dest: 1, sync: false, minLength: BUFFER_BYTES });
  // A closed stdout (the reader went away) must not take the process down with it.
  destination.on('error', () => {});
  setInterval(() => destination.flush(), FLUSH_INTERVAL_MS).unref();
  sharedDestination = destination;
  return destination;
}

/**
 * Nest's logger as structured JSON lines (pino): level, time, context (the class), the
 * request id when there is one, and the message. Ids, not payloads.
 */
export class JsonLogger implements LoggerService {
  private readonly pino: Logger;

  /** `destination`: where the lines go (standard output, batched, unless a test says otherwise). */
  constructor(service: string, level = 'info', destination = stdoutDestination()) {
    this.pino = pino(
      { level, base: { service }, redact: { paths: REDACT, censor: '[redacted]' } },
      destination,
    );
  }

  log(message: unknown, context?: string): void {
    this.write('info', message, context);
  }

  error(message: unknown, stackOrContext?: string, context?: string): void {
    // Nest passes (message, stack, context) for errors, (message, context) otherwise.
    const stack = context === undefined ? undefined : stackOrContext;
    this.write('error', message, context ?? stackOrContext, stack);
  }

  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }

  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }

  verbose(message: unknown, context?: string): void {
    this.write('trace', message, context);
  }

  private write(
    level: 'info' | 'error' | 'warn' | 'debug' | 'trace',
    message: unknown,
    context?: string,
    stack?: string,
  ): void {
    const fields: Record<string, unknown> = { context, requestId: currentRequestId() };
    if (stack) fields.stack = stack;
    if (typeof message === 'string') this.pino[level](fields, message);
    else this.pino[level]({ ...fields, detail: message }, 'event');
  }
}
