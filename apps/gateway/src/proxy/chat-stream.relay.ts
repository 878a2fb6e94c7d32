import type { Response } from 'express';
import { ClientStreamWriter } from './client-stream.writer';
import { SseEventSplitter } from './sse-event.splitter';
import { readReportedUsage, type MeteredUsage } from './token-usage';
import type { UpstreamStream } from './upstream.client';

/** How a relayed stream ended, for metering. */
export interface StreamOutcome {
  /** The usage the upstream reported, if it got that far. */
  usage: MeteredUsage | undefined;
  /** Characters of content, reasoning and tool arguments received: the basis of an estimate. */
  producedCharacters: number;
  /** The upstream stream failed before it ended properly. */
  broken: boolean;
  /** The client went away before the end; the upstream was still read to its end. */
  clientGone: boolean;
}

export interface RelayOptions {
  requestId: string;
  /** The client asked for `stream_options.include_usage`: forward the usage chunk. */
  clientWantsUsage: boolean;
  /** The decimal-string cost of a usage, added to the usage chunk as `usage.cost`. */
  costOf(usage: MeteredUsage): string;
}

type Chunk = {
  id?: string;
  choices?: Array<{ delta?: Record<string, unknown> }>;
  usage?: Record<string, unknown> | null;
};

/**
 * Relays an upstream OpenAI chat completion stream to the client event by event as it
 * arrives, with the request id as chunk id and `usage.cost` on the usage chunk. When the
 * client leaves, it keeps reading the upstream to the end (bounded by the upstream
 * timeout), so that the usage the provider bills us for is the usage we bill.
 */
export async function relayChatStream(
  upstream: UpstreamStream,
  response: Response,
  options: RelayOptions,
): Promise<StreamOutcome> {
  const outcome: StreamOutcome = {
    usage: undefined,
    producedCharacters: 0,
    broken: false,
    clientGone: false,
  };
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    'x-request-id': options.requestId,
  });
  response.flushHeaders();

  const client = new ClientStreamWriter(response);
  const write = (text: string) => client.write(text);

  const splitter = new SseEventSplitter();
  let sawDone = false;
  try {
    for await (const bytes of upstream.body) {
      for (const payload of splitter.push(bytes)) {
        if (payload === '[DONE]') {
          sawDone = true;
          await write('data: [DONE]\n\n');
          continue;
        }
        const forwarded = handleChunk(payload, outcome, options);
        if (forwarded !== undefined) await write(`data: ${forwarded}\n\n`);
      }
    }
  } catch {
    outcome.broken = true;
  }
  if (!sawDone && outcome.usage === undefined) outcome.broken = true;
  if (outcome.broken && !sawDone) {
    await write(
      `data: ${JSON.stringify({ error: { message: 'The upstream stream ended abnormally.', type: 'upstream_error', code: 'upstream_error' } })}\n\n`,
    );
  }
  client.end();
  outcome.clientGone = client.clientGone;
  return outcome;
}

/** Meters one chunk and returns what to forward (undefined: nothing). */
function handleChunk(
  payload: string,
  outcome: StreamOutcome,
  options: RelayOptions,
): string | undefined {
  let chunk: Chunk;
  try {
    chunk = JSON.parse(payload) as Chunk;
  } catch {
    return payload;
  }
  for (const choice of chunk.choices ?? [])
    outcome.producedCharacters += producedCharacters(choice.delta);
  const usage = readReportedUsage(chunk);
  if (usage) {
    outcome.usage = usage;
    if (!options.clientWantsUsage && (chunk.choices ?? []).length === 0) return undefined;
    if (options.clientWantsUsage) chunk.usage = { ...chunk.usage, cost: options.costOf(usage) };
  }
  // The gateway asked for usage on the client's behalf: don't show fields it didn't ask for.
  if (!options.clientWantsUsage) delete chunk.usage;
  chunk.id = options.requestId;
  return JSON.stringify(chunk);
}

function producedCharacters(delta: Record<string, unknown> | undefined): number {
  if (!delta) return 0;
  let count = 0;
  for (const field of ['content', 'reasoning_content', 'reasoning']) {
    const value = delta[field];
    if (typeof value === 'string') count += value.length;
  }
  const toolCalls = delta.tool_calls;
  if (Array.isArray(toolCalls)) {
    for (const call of toolCalls as Array<{ function?: { name?: unknown; arguments?: unknown } }>) {
      if (typeof call.function?.arguments === 'string') count += call.function.arguments.length;
      if (typeof call.function?.name === 'string') count += call.function.name.length;
    }
  }
  return count;
}
