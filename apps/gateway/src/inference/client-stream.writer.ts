import type { Response } from 'express';
import { once } from 'node:events';

/**
 * Writes a streamed answer to the client, waiting for the socket to drain when it is
 * slow. The client leaving (or its socket failing) is never an error here: the caller
 * keeps reading the upstream to its end, so that what the provider bills is what we bill.
 */
export class ClientStreamWriter {
  private gone = false;

  constructor(private readonly response: Response) {
    response.on('close', () => {
      if (!response.writableFinished) this.gone = true;
    });
  }

  /** The client left before the end of the answer. */
  get clientGone(): boolean {
    return this.gone;
  }

  async write(text: string): Promise<void> {
    if (this.gone) return;
    if (!this.response.write(text) && !this.gone) {
      await Promise.race([once(this.response, 'drain'), once(this.response, 'close')]).catch(
        () => undefined,
      );
    }
  }

  end(): void {
    if (!this.gone) this.response.end();
  }
}
