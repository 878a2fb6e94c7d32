import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  type AnswerBlock,
  buildMessage,
  deriveInputTokens,
  deriveOutputTokens,
  type MessagesRequest,
  newMessageId,
  newToolUseId,
  parseMessagesRequest,
  streamEvents,
} from './anthropic-message.builder';
import type {
  FakeAnthropicScenario,
  FakeAnthropicUpstream,
  FakeAnthropicUsage,
} from './anthropic-upstream.types';
import { DEFAULT_REPLY_TEXT } from './fake-upstream.scenario';
import { sendJson } from './json-response';

const DEFAULT_SCENARIO: FakeAnthropicScenario = { kind: 'reply' };
const SSE_HEADERS = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' };
const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  429: 'rate_limit_error',
  529: 'overloaded_error',
};

/**
 * Starts a fake upstream speaking Anthropic's Messages dialect (`POST /v1/messages`,
 * `x-api-key`), streaming and not, with tools, thinking blocks, and usage that reports
 * cache reads and writes apart: a second provider for routing and fallback tests.
 */
export async function startFakeAnthropicUpstream(
  options: { port?: number; host?: string; default?: FakeAnthropicScenario } = {},
): Promise<FakeAnthropicUpstream> {
  const upstream = new FakeAnthropicServer(options.default ?? DEFAULT_SCENARIO);
  await upstream.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  return upstream;
}

class FakeAnthropicServer implements FakeAnthropicUpstream {
  readonly requests: FakeAnthropicUpstream['requests'] = [];
  private queue: FakeAnthropicScenario[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly server: Server;
  private baseUrl = '';

  constructor(private fallback: FakeAnthropicScenario) {
    this.server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
      this.handle(req, res).catch(() => res.destroy());
    });
    this.server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
  }

  get url(): string {
    return this.baseUrl;
  }

  listen(port: number, host: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        this.baseUrl = `http://${host}:${(this.server.address() as AddressInfo).port}/v1`;
        resolve();
      });
    });
  }

  setDefault(scenario: FakeAnthropicScenario): void {
    this.fallback = scenario;
  }

  enqueue(...scenarios: FakeAnthropicScenario[]): void {
    this.queue.push(...scenarios);
  }

  reset(): void {
    this.requests.length = 0;
    this.queue = [];
    this.fallback = DEFAULT_SCENARIO;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      for (const socket of this.sockets) socket.destroy();
      this.sockets.clear();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    let body: unknown = raw;
    try {
      body = raw === '' ? undefined : JSON.parse(raw);
    } catch {
      // Kept as text: the request log shows what arrived.
    }
    const path = req.url ?? '/';
    this.requests.push({ method: req.method ?? 'GET', path, headers: req.headers, body });
    if (`${req.method} ${path.split('?')[0]}` !== 'POST /v1/messages') {
      return sendJson(res, 404, anthropicError(404, `Unknown route ${req.method} ${path}.`));
    }
    // Anthropic takes `x-api-key`; current SDKs send the key as a bearer token.
    const key = req.headers['x-api-key'] ?? req.headers.authorization?.replace(/^Bearer\s+/i, '');
    if (typeof key !== 'string' || key === '') {
      return sendJson(res, 401, anthropicError(401, 'x-api-key header is required'));
    }
    const parsed = parseMessagesRequest(body);
    if (!parsed.ok) return sendJson(res, 400, anthropicError(400, parsed.message));
    await answer(res, parsed.request, this.queue.shift() ?? this.fallback);
  }
}

async function answer(
  res: ServerResponse,
  request: MessagesRequest,
  scenario: FakeAnthropicScenario,
): Promise<void> {
  switch (scenario.kind) {
    case 'error':
      return sendJson(res, scenario.status, scenario.body ?? anthropicError(scenario.status));
    case 'hang':
      return;
    case 'broken_stream': {
      const usage = scenario.usage ?? derivedUsage(request, []);
      const events = streamEvents(
        newMessageId(),
        request.model,
        [{ type: 'text', text: DEFAULT_REPLY_TEXT }],
        usage,
      );
      // message_start, ping, content_block_start, then the deltas asked for.
      const upTo = 3 + (scenario.deltasBeforeBreak ?? 2);
      if (!request.stream) return void res.destroy();
      res.writeHead(200, SSE_HEADERS);
      for (const [event, data] of events.slice(0, upTo)) res.write(frame(event, data));
      await new Promise((resolve) => setTimeout(resolve, 20));
      res.destroy();
      return;
    }
    case 'reply':
    case 'tool_use': {
      if (scenario.kind === 'reply' && scenario.delayMs) {
        await new Promise((resolve) => setTimeout(resolve, scenario.delayMs));
        if (res.destroyed) return;
      }
      const blocks = blocksOf(scenario, request);
      const usage = scenario.usage ?? derivedUsage(request, blocks);
      const id = newMessageId();
      if (!request.stream)
        return sendJson(res, 200, buildMessage(id, request.model, blocks, usage));
      res.writeHead(200, SSE_HEADERS);
      for (const [event, data] of streamEvents(id, request.model, blocks, usage)) {
        res.write(frame(event, data));
      }
      res.end();
    }
  }
}

/** The answer's blocks: a reply offered tools and given no text calls the first tool. */
function blocksOf(
  scenario: Extract<FakeAnthropicScenario, { kind: 'reply' | 'tool_use' }>,
  request: MessagesRequest,
): AnswerBlock[] {
  const useTool =
    scenario.kind === 'tool_use' ||
    (scenario.text === undefined && request.firstTool !== undefined);
  if (useTool) {
    const name =
      (scenario.kind === 'tool_use' ? scenario.name : undefined) ??
      request.firstTool ??
      'fake_tool';
    const input = (scenario.kind === 'tool_use' ? scenario.input : undefined) ?? {};
    return [{ type: 'tool_use', id: newToolUseId(), name, input }];
  }
  const reply = scenario;
  const blocks: AnswerBlock[] = [];
  if (reply.thinking !== undefined) {
    blocks.push({ type: 'thinking', thinking: reply.thinking, signature: 'sig-fake-0123456789' });
  }
  blocks.push({ type: 'text', text: reply.text ?? DEFAULT_REPLY_TEXT });
  return blocks;
}

function derivedUsage(request: MessagesRequest, blocks: AnswerBlock[]): FakeAnthropicUsage {
  return {
    inputTokens: deriveInputTokens(request.contentChars),
    outputTokens: deriveOutputTokens(blocks),
  };
}

function frame(event: string, data: object): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** An error body in Anthropic's shape, which the official SDK surfaces as `APIError`. */
export function anthropicError(status: number, message = 'upstream failure'): object {
  const type = ERROR_TYPES[status] ?? (status === 404 ? 'not_found_error' : 'api_error');
  return { type: 'error', error: { type, message } };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.once('error', reject);
  });
}
