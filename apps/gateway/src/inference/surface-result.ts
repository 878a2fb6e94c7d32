import type { Response } from 'express';

/** What a surface hands its controller: an answer to send whole, or a stream to relay. */
export type SurfaceResult<Body> =
  { kind: 'json'; body: Body } | { kind: 'stream'; pipeTo(response: Response): Promise<void> };
