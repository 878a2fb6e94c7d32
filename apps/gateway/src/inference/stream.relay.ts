import { Logger } from '@nestjs/common';
import type { Response } from 'express';
import { countChunkCharacters, readOpenAiUsage, type MeteredUsage } from '@app/llm-formats';
import { ClientStreamWriter } from './client-stream.writer';
import type { UpstreamStreamItem } from './providers/upstream-dialect';
import { type DialectOutput, NOTHING, type StreamDialect } from './stream-dialect';

/** How a relayed stream ended, for metering. */
export interface StreamOutcome {
  /** The usage the upstream reported, if it got that far. */
  usage: MeteredUsage | undefined;
  /** Characters of text, reasoning and tool calls received: the basis of an estimate. */
  producedCharacters: number;
  /** The upstream stream failed before it ended properly. */
  broken: boolean;
  /** The client went away before the end; the upstream was still read to its end. */
  clientGone: boolean;
}

/**
 * The one stream relay of every surface: writes the client's stream as upstream items
 * arrive, in the surface's dialect, while metering them. When the client leaves (or the
 * dialect ended its stream, or the client took nothing for the write timeout), it keeps
 * reading the upstream to the end (bounded by the upstream timeouts), so that the usage the
 * provider bills us for is the usage we bill and the upstream connection is never held by a
 * dead client.
 */
export class StreamRelay {
  private readonly logger = new Logger(StreamRelay.name);
  private readonly client: ClientStreamWriter;
  private readonly outcome: StreamOutcome = {
    usage: undefined,
    producedCharacters: 0,
    broken: false,
    clientGone: false,
  };
  private sawDone = false;
  /** The dialect ended the client's stream: nothing more is written, reading goes on. */
  private closedForClient = false;

  constructor(
    response: Response,
    private readonly dialect: StreamDialect,
    private readonly requestId: string,
    writeTimeoutMs: number,
    private readonly headers: Record<string, string> = {},
  ) {
    this.client = new ClientStreamWriter(response, writeTimeoutMs);
  }

  async run(items: AsyncIterable<UpstreamStreamItem>): Promise<StreamOutcome> {
    this.client.open({
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-request-id': this.requestId,
      ...this.headers,
    });
    try {
      for await (const item of items) await this.accept(item);
    } catch {
      this.outcome.broken = true;
    }
    if (!this.sawDone && this.outcome.usage === undefined) this.outcome.broken = true;
    if (this.outcome.broken) this.logger.warn(`request ${this.requestId}: upstream stream broke`);
    await this.emit(this.dialect.end(this.outcome.broken));
    if (!this.closedForClient) this.client.end();
    this.outcome.clientGone = this.client.clientGone;
    return this.outcome;
  }

  private async accept(item: UpstreamStreamItem): Promise<void> {
    switch (item.kind) {
      case 'done':
        this.sawDone = true;
        return this.emit(this.dialect.done?.() ?? NOTHING);
      case 'malformed':
        return this.emit(this.dialect.malformed?.(item.data) ?? NOTHING);
      case 'chunk': {
        const usage = readOpenAiUsage(item.chunk);
        if (usage) this.outcome.usage = usage;
        this.outcome.producedCharacters += countChunkCharacters(item.chunk);
        return this.emit(this.dialect.chunk(item.chunk, usage));
      }
      case 'event':
        if (item.usage) this.outcome.usage = item.usage;
        this.outcome.producedCharacters += item.characters;
        if (item.done) this.sawDone = true;
        return this.emit(this.dialect.event?.(item.event) ?? { text: '' });
    }
  }

  private async emit(output: DialectOutput): Promise<void> {
    if (output.broken) this.outcome.broken = true;
    if (this.closedForClient) return;
    if (output.text !== '') await this.client.write(output.text);
    if (output.last) {
      this.closedForClient = true;
      this.client.end();
    }
  }
}
