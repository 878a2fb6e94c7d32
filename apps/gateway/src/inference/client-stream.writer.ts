import type { Response } from 'express';

/**
 * Writes a streamed answer to the client, waiting for the socket to drain when it is
 * slow, but never longer than the write timeout: a client that takes no data for that long
 * is gone, and its socket is destroyed. The client leaving (before the first byte, midway,
 * or by no longer reading) is never an error here: the caller keeps reading the upstream to
 * its end, so that what the provider bills is what we bill, and the upstream connection is
 * back in its pool as soon as the upstream is done, whatever the client does.
 */
export class ClientStreamWriter {
  private gone: boolean;
  private corked = false;

  constructor(
    private readonly response: Response,
    private readonly writeTimeoutMs: number,
  ) {
    // The client may have left while the upstream's headers were awaited: its `close`
    // already fired, and no `drain` will ever come.
    this.gone = isClosed(response);
    response.on('close', () => {
      if (!response.writableFinished) this.gone = true;
    });
  }

  /** The client left before the end of the answer. */
  get clientGone(): boolean {
    if (!this.gone && !this.response.writableEnded && isClosed(this.response)) this.gone = true;
    return this.gone;
  }

  /** Sends the status and headers, unless the client is already gone. */
  open(headers: Record<string, string>): void {
    if (this.clientGone) return;
    // The headers leave with the first events when those come in the same turn.
    this.coalesce();
    this.response.writeHead(200, headers);
    this.response.flushHeaders();
  }

  async write(text: string): Promise<void> {
    if (this.clientGone) return;
    this.coalesce();
    if (this.response.write(text) || this.clientGone) return;
    if (!(await this.drained())) {
      this.gone = true;
      // Frees the socket and what it buffered; the upstream is read on regardless.
      this.response.destroy();
    }
  }

  end(): void {
    if (!this.clientGone) this.response.end();
  }

  /**
   * The writes of one turn of the event loop (the headers, the events of one upstream read,
   * often many) leave in one system call and one TCP segment, not one each: the response is
   * corked until the turn's immediates run. end() uncorks by itself.
   */
  private coalesce(): void {
    if (this.corked) return;
    this.corked = true;
    this.response.cork();
    setImmediate(() => {
      this.corked = false;
      if (!this.response.writableEnded) this.response.uncork();
    });
  }

  /** Resolves true when the socket drained, false when it closed or the timeout passed first. */
  private drained(): Promise<boolean> {
    return new Promise((resolve) => {
      const settle = (drained: boolean): void => {
        clearTimeout(timer);
        this.response.off('drain', onDrain);
        this.response.off('close', onClose);
        resolve(drained);
      };
      const onDrain = (): void => settle(true);
      const onClose = (): void => settle(false);
      const timer = setTimeout(() => settle(false), this.writeTimeoutMs);
      this.response.once('drain', onDrain);
      this.response.once('close', onClose);
    });
  }
}

/** The response can no longer reach its client (its socket closed or was destroyed). */
function isClosed(response: Response): boolean {
  return response.destroyed || response.socket?.destroyed === true;
}
