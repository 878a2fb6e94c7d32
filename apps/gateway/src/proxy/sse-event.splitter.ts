/**
 * Splits a Server-Sent Events byte stream into the `data` payloads of its events, however
 * the stream was cut into chunks (mid-line, mid-character, CRLF or LF line ends).
 */
export class SseEventSplitter {
  private readonly decoder = new TextDecoder();
  private buffer = '';
  private data: string[] = [];

  /** Feeds a chunk; returns the payloads of the events it completed. */
  push(chunk: Uint8Array): string[] {
    this.buffer += this.decoder.decode(chunk, { stream: true });
    const payloads: string[] = [];
    let newline: number;
    while ((newline = this.buffer.indexOf('\n')) !== -1) {
      const line = this.buffer.slice(0, newline).replace(/\r$/, '');
      this.buffer = this.buffer.slice(newline + 1);
      if (line === '') {
        if (this.data.length > 0) payloads.push(this.data.join('\n'));
        this.data = [];
      } else if (line.startsWith('data:')) {
        this.data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
      }
      // Comments (':'), event names and ids carry nothing the gateway needs.
    }
    return payloads;
  }
}
