import type { LoggerService } from '@nestjs/common';
import type { NextFunction, Response } from 'express';
import { currentRequestNotes } from '@app/logging';
import type { GatewayRequest } from '../gateway-request';

/** A model name worth a log field: what a catalogue id looks like, nothing a caller could abuse. */
const MODEL_NAME = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}$/;

/**
 * One access-log line per request, when its answer is done (or its client gone): method,
 * path (without the query string), status, duration in ms, request id, key id, model, and
 * the cost when the call was metered. Never the key, a header or a body. Must run inside
 * the request's context (after the request id is set), so that it sees the cost noted.
 */
export function accessLog(logger: LoggerService) {
  return (request: GatewayRequest, response: Response, next: NextFunction) => {
    const startedAt = process.hrtime.bigint();
    const notes = currentRequestNotes();
    response.once('close', () => {
      const model = (request.body as { model?: unknown } | undefined)?.model;
      logger.log(
        {
          access: {
            method: request.method,
            path: request.path,
            status: response.statusCode,
            duration_ms: Number((process.hrtime.bigint() - startedAt) / 1_000_000n),
            request_id: request.requestId,
            key_id: request.apiKey?.keyId ?? null,
            model: typeof model === 'string' && MODEL_NAME.test(model) ? model : null,
            cost: notes?.cost ?? null,
            ...(response.writableFinished ? {} : { client_gone: true }),
          },
        },
        'AccessLog',
      );
    });
    next();
  };
}
