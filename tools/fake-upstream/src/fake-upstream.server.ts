import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { respondToChatCompletion } from './chat-completion.responder';
import { respondToEmbeddings } from './embeddings.responder';
import { parseChatRequest } from './chat-request.parser';
import { ScenarioBook } from './fake-upstream.scenario';
import type {
  FakeScenario,
  FakeUpstream,
  FakeUpstreamOptions,
  ReceivedRequest,
} from './fake-upstream.types';
import { openAiError, sendJson } from './json-response';

const DEFAULT_HOST = '127.0.0.1';
// Longer than the usual client pool idle timeouts (undici: 4 s), so the client, not the
// server, closes idle connections and benchmarks never hit a reset on a reused socket.
const KEEP_ALIVE_TIMEOUT_MS = 65_000;
const MODEL_IDS = [
  'mistral-small-latest',
  'mistral-medium-latest',
  'mistral-large-latest',
  'mistral-embed',
];
const BEARER = /^Bearer\s+\S/i;

/**
 * Starts a fake upstream speaking the OpenAI Chat Completions dialect on a real port.
 *
 * @param options - where to listen (port 0, the default, picks a free one) and how to answer.
 * @returns the running server; call {@link FakeUpstream.close} when done.
 */
export async function startFakeUpstream(options: FakeUpstreamOptions = {}): Promise<FakeUpstream> {
  const upstream = new FakeUpstreamServer(options);
  await upstream.listen(options.port ?? 0, options.host ?? DEFAULT_HOST);
  return upstream;
}

class FakeUpstreamServer implements FakeUpstream {
  readonly requests: ReceivedRequest[] = [];
  private readonly scenarios: ScenarioBook;
  private readonly record: boolean;
  private readonly sockets = new Set<Socket>();
  private readonly server: Server;
  private baseUrl = '';

  constructor(options: FakeUpstreamOptions) {
    this.scenarios = new ScenarioBook(options.default);
    this.record = options.recordRequests ?? true;
    this.server = createServer({ keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS }, (req, res) => {
      this.handle(req, res).catch(() => {
        // Mostly a client aborting its upload; a socket that is still there deserves an answer.
        if (!res.headersSent && !res.destroyed) sendJson(res, 500, internalError());
        else res.destroy();
      });
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
        const bound = (this.server.address() as AddressInfo).port;
        this.baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${bound}/v1`;
        resolve();
      });
    });
  }

  setDefault(scenario: FakeScenario): void {
    this.scenarios.setDefault(scenario);
  }

  enqueue(...scenarios: FakeScenario[]): void {
    this.scenarios.enqueue(scenarios);
  }

  reset(): void {
    this.requests.length = 0;
    this.scenarios.reset();
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      // server.close() alone would wait forever on hanging and keep-alive connections.
      this.server.close(() => resolve());
      for (const socket of this.sockets) socket.destroy();
      this.sockets.clear();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = parseBody(await readBody(req));
    const path = req.url ?? '/';
    if (this.record) {
      const { method = 'GET', headers } = req;
      const received: ReceivedRequest = { method, path, headers, body: body.value };
      this.requests.push(received);
      res.once('finish', () => (received.finished = true));
    }
    const queryAt = path.indexOf('?');
    const route = `${req.method ?? ''} ${queryAt === -1 ? path : path.slice(0, queryAt)}`;
    switch (route) {
      case 'POST /v1/chat/completions':
        return this.chatCompletion(req, res, body);
      case 'POST /v1/embeddings':
        return this.embeddings(req, res, body);
      case 'GET /v1/models':
        return sendJson(res, 200, modelList());
      default:
        return sendJson(
          res,
          404,
          openAiError(`Unknown request URL: ${route}.`, 'invalid_request_error', 'unknown_url'),
        );
    }
  }

  private async chatCompletion(
    req: IncomingMessage,
    res: ServerResponse,
    body: ParsedBody,
  ): Promise<void> {
    if (!authorizedJson(req, res, body)) return;
    const parsed = parseChatRequest(body.value);
    if (!parsed.ok) return sendJson(res, 400, openAiError(parsed.message, 'invalid_request_error'));
    await respondToChatCompletion(res, parsed.request, this.scenarios.next());
  }

  /** Embeddings ignore scenarios but `error` ones, so a test can make them fail too. */
  private embeddings(req: IncomingMessage, res: ServerResponse, body: ParsedBody): void {
    if (!authorizedJson(req, res, body)) return;
    const scenario = this.scenarios.next();
    if (scenario.kind === 'error') {
      return sendJson(res, scenario.status, scenario.body ?? internalError());
    }
    respondToEmbeddings(res, body.value);
  }
}

/** Answers 401 or 400 and returns false unless the request has a bearer token and a JSON body. */
function authorizedJson(req: IncomingMessage, res: ServerResponse, body: ParsedBody): boolean {
  if (!BEARER.test(req.headers.authorization ?? '')) {
    const message = 'Missing or invalid API key: expected "Authorization: Bearer <key>".';
    sendJson(res, 401, openAiError(message, 'invalid_request_error', 'invalid_api_key'));
    return false;
  }
  if (!body.json) {
    const message = 'The request body must be valid JSON.';
    sendJson(res, 400, openAiError(message, 'invalid_request_error'));
    return false;
  }
  return true;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.once('error', reject);
  });
}

interface ParsedBody {
  /** The JSON value, the raw text when it is not JSON, or undefined when empty. */
  value: unknown;
  json: boolean;
}

function parseBody(raw: string): ParsedBody {
  if (raw === '') return { value: undefined, json: false };
  try {
    return { value: JSON.parse(raw) as unknown, json: true };
  } catch {
    return { value: raw, json: false };
  }
}

function modelList(): object {
  return {
    object: 'list',
    data: MODEL_IDS.map((id) => ({ id, object: 'model', created: 0, owned_by: 'fake-upstream' })),
  };
}

function internalError(): object {
  return openAiError('The fake upstream failed to answer.', 'server_error');
}
