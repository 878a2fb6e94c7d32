import { Logger, type Type } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { NextFunction, Response } from 'express';
import type { KeyScope } from '@app/database';
import { MessagesController } from '../anthropic/messages.controller';
import { allowedScopesOf } from '../auth/allow-scopes.decorator';
import type { AuthenticatedKey } from '../auth/authenticated-key';
import { KeyAuthService } from '../auth/key-auth.service';
import { EmbeddingsController } from '../embeddings/embeddings.controller';
import { sendApiError } from '../errors/send-api-error';
import type { GatewayRequest } from '../gateway-request';
import { ChatCompletionsController } from '../openai/chat-completions.controller';
import { ResponsesController } from '../responses/responses.controller';

/** What the fast path needs of the application: its providers and controllers by class. */
interface Resolver {
  get<T>(type: abstract new (...args: never[]) => T): T;
}

type Handler = (
  request: GatewayRequest,
  response: Response,
  key: AuthenticatedKey,
) => Promise<void>;

interface Route {
  /** The scopes its controller allows (@AllowScopes), checked as ApiKeyGuard checks them. */
  scopes: readonly KeyScope[] | undefined;
  handle: Handler;
}

/**
 * The inference routes below Nest's router: `POST /v1/chat/completions`, `/v1/messages`,
 * `/v1/responses` and `/v1/embeddings` at their exact paths go straight to their
 * controllers, past the route table walk, the guard's execution context, the pipes and the
 * filter's argument host. The profile said those cost a share of every call; what they do
 * for these routes is done here with the same pieces: the key checked as ApiKeyGuard checks
 * it (KeyAuthService.authorize), errors answered as ApiExceptionFilter answers them
 * (sendApiError). The middlewares before it (request id, access log, body parser,
 * metrics) still run. Any other path or method, or a spelling the exact match misses
 * (a trailing slash), goes on to Nest, which serves it identically.
 */
export class InferenceFastPath {
  private readonly logger = new Logger(InferenceFastPath.name);
  private readonly keyAuth: KeyAuthService;
  private readonly routes = new Map<string, Route>();

  constructor(app: Resolver) {
    this.keyAuth = app.get(KeyAuthService);
    const chat = app.get(ChatCompletionsController);
    const messages = app.get(MessagesController);
    const responses = app.get(ResponsesController);
    const embeddings = app.get(EmbeddingsController);
    const reflector = app.get(Reflector);
    const route = (
      path: string,
      controller: object,
      method: (...args: never[]) => unknown,
      handle: Handler,
    ): void => {
      const scopes = allowedScopesOf(reflector, method, controller.constructor as Type<unknown>);
      this.routes.set(path, { scopes, handle });
    };
    route('/v1/chat/completions', chat, chat.create, (request, response, key) =>
      chat.create(request.body, key, request.requestId, response),
    );
    route('/v1/messages', messages, messages.create, (request, response, key) =>
      messages.create(
        request.body,
        key,
        request.requestId,
        response,
        request.get('anthropic-beta'),
      ),
    );
    route('/v1/responses', responses, responses.create, (request, response, key) =>
      responses.create(request.body, key, request.requestId, response),
    );
    route('/v1/embeddings', embeddings, embeddings.create, async (request, response, key) => {
      const answer = await embeddings.create(request.body, key, request.requestId);
      response.status(200).json(answer);
    });
  }

  /** The express middleware: serves the routes it knows, passes everything else on. */
  readonly middleware = (request: GatewayRequest, response: Response, next: NextFunction): void => {
    const route = request.method === 'POST' ? this.routes.get(request.path) : undefined;
    if (!route) return next();
    void this.serve(route, request, response);
  };

  private async serve(route: Route, request: GatewayRequest, response: Response): Promise<void> {
    try {
      const key = await this.keyAuth.authorize(request.headers, route.scopes);
      request.apiKey = key;
      await route.handle(request, response, key);
    } catch (error) {
      try {
        sendApiError(request, response, error, this.logger);
      } catch (sendError) {
        // Nothing more can be said to this client; the process must not go down with it.
        this.logger.error(
          `request ${request.requestId}: could not send its error`,
          (sendError as Error)?.stack,
        );
        response.destroy();
      }
    }
  }
}
