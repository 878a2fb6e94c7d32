import type { NextFunction, Request, Response } from 'express';
import type { MetricsService } from '@app/metrics';

const SURFACES: Array<[prefix: string, surface: string]> = [
  ['/v1/chat/completions', 'openai'],
  ['/v1/messages', 'anthropic'],
  ['/v1/responses', 'responses'],
  ['/v1/embeddings', 'embeddings'],
];
const MODEL_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/**
 * Counts inference requests by surface, model and status when they finish. The model
 * label is only taken from requests that passed admission (a model of the catalogue);
 * refused ones count as 'n/a', so callers cannot blow up the label set.
 */
export function requestMetrics(metrics: MetricsService) {
  return (request: Request, response: Response, next: NextFunction) => {
    const surface = SURFACES.find(([prefix]) => request.path.startsWith(prefix))?.[1];
    if (surface) {
      response.on('finish', () => {
        const status = response.statusCode;
        const model = (request.body as { model?: unknown } | undefined)?.model;
        const admitted = status < 400 || status >= 500;
        metrics.requests.inc({
          surface,
          model: admitted && typeof model === 'string' && MODEL_ID.test(model) ? model : 'n/a',
          status: String(status),
        });
      });
    }
    next();
  };
}
