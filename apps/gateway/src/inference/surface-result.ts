import type { Response } from 'express';

/**
 * What a surface hands its controller: an answer to send whole (with the call's headers,
 * e.g. the output cap applied), or a stream to relay (which writes them itself).
 */
export type SurfaceResult<Body> =
  | { kind: 'json'; body: Body; headers?: Record<string, string> }
  | { kind: 'stream'; pipeTo(response: Response): Promise<void> };

/** Sends a surface's result: the whole answer as JSON, or the stream through the one relay. */
export async function sendSurfaceResult<Body>(
  response: Response,
  result: SurfaceResult<Body>,
): Promise<void> {
  if (result.kind === 'json')
    response
      .status(200)
      .set(result.headers ?? {})
      .json(result.body);
  else await result.pipeTo(response);
}
