import type { ServerResponse } from 'node:http';

/** Sends `body` as a complete JSON response; a content length keeps the connection reusable. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body) ?? 'null';
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
  });
  res.end(payload);
}

/** An error body in the OpenAI shape, which the official SDKs surface as `APIError`. */
export function openAiError(message: string, type: string, code: string | null = null): object {
  return { error: { message, type, param: null, code } };
}
