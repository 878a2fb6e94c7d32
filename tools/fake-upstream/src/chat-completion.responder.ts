import type { ServerResponse } from 'node:http';
import type { ChatRequest } from './chat-request.parser';
import {
  buildTextCompletion,
  buildToolCallCompletion,
  countWords,
  deriveToolCallTokens,
  derivePromptTokens,
  newContext,
  newToolCall,
  StreamFrames,
} from './completion-builder';
import {
  adaptScenario,
  DEFAULT_REPLY_TEXT,
  DEFAULT_TOOL_ARGUMENTS,
  DEFAULT_TOOL_NAME,
} from './fake-upstream.scenario';
import type { FakeScenario, FakeUsage } from './fake-upstream.types';
import { sendJson } from './json-response';

const DEFAULT_ERROR_BODY = { error: { message: 'upstream failure', type: 'server_error' } };
const DEFAULT_CHUNKS_BEFORE_BREAK = 2;
const DEFAULT_REPLY_WORDS = DEFAULT_REPLY_TEXT.split(' ');
const SSE_HEADERS = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' };

/**
 * Plays `scenario` onto `res` as the answer to `request`. Resolves once the answer is
 * complete, abandoned (the client or close() dropped the connection), or deliberately never
 * coming (`hang`).
 */
export async function respondToChatCompletion(
  res: ServerResponse,
  request: ChatRequest,
  scenario: FakeScenario,
): Promise<void> {
  if (scenario.kind === 'reply' && scenario.delayMs !== undefined && scenario.delayMs > 0) {
    if (!(await pause(res, scenario.delayMs))) return;
  }
  const adapted = adaptScenario(scenario, request);
  switch (adapted.kind) {
    case 'reply':
      return answerWithText(res, request, adapted.text ?? DEFAULT_REPLY_TEXT, adapted.usage, 0);
    case 'tool_call': {
      const name = adapted.name ?? request.toolToCall ?? DEFAULT_TOOL_NAME;
      const call = newToolCall(name, adapted.arguments ?? DEFAULT_TOOL_ARGUMENTS);
      const usage = capped(
        request,
        adapted.usage ?? {
          promptTokens: derivePromptTokens(request.contentChars),
          completionTokens: deriveToolCallTokens(call),
        },
      );
      const context = newContext(request.model);
      if (!request.stream) return sendJson(res, 200, buildToolCallCompletion(context, call, usage));
      const frames = StreamFrames.forToolCall(context, call, usageIfAsked(request, usage));
      await streamFrames(res, frames, 0);
      return;
    }
    case 'error':
      return sendJson(res, adapted.status, adapted.body ?? DEFAULT_ERROR_BODY);
    case 'hang':
      return;
    case 'broken_body': {
      const usage = { promptTokens: derivePromptTokens(request.contentChars), completionTokens: 5 };
      const text = JSON.stringify(
        buildTextCompletion(newContext(request.model), DEFAULT_REPLY_TEXT, usage),
      );
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(text.slice(0, text.length >> 1), () => res.socket?.destroy());
      return;
    }
    case 'broken_stream':
      return breakStream(res, request, adapted.chunksBeforeBreak ?? DEFAULT_CHUNKS_BEFORE_BREAK);
    case 'slow_stream': {
      const chunks = adapted.chunks ?? DEFAULT_REPLY_WORDS.length;
      const words = Array.from(
        { length: chunks },
        (_, i) => DEFAULT_REPLY_WORDS[i % DEFAULT_REPLY_WORDS.length],
      );
      const text = words.join(' ');
      if (request.stream) {
        return answerWithText(res, request, text, adapted.usage, adapted.chunkDelayMs);
      }
      // A non-streaming caller waits about as long as the whole stream would have taken.
      if (!(await pause(res, chunks * adapted.chunkDelayMs))) return;
      return answerWithText(res, request, text, adapted.usage, 0);
    }
  }
}

async function answerWithText(
  res: ServerResponse,
  request: ChatRequest,
  text: string,
  given: FakeUsage | undefined,
  gapMs: number,
): Promise<void> {
  const usage = capped(
    request,
    given ?? {
      promptTokens: derivePromptTokens(request.contentChars),
      completionTokens: countWords(text),
    },
  );
  const context = newContext(request.model);
  if (!request.stream) return sendJson(res, 200, buildTextCompletion(context, text, usage));
  await streamFrames(res, StreamFrames.forText(context, text, usageIfAsked(request, usage)), gapMs);
}

/** A real upstream stops at the request's cap: never more completion tokens than `max_tokens`. */
function capped(request: ChatRequest, usage: FakeUsage): FakeUsage {
  if (request.maxTokens === undefined || usage.completionTokens <= request.maxTokens) return usage;
  return { ...usage, completionTokens: request.maxTokens };
}

function usageIfAsked(request: ChatRequest, usage: FakeUsage): FakeUsage | undefined {
  return request.includeUsage ? usage : undefined;
}

/**
 * Writes each frame separately, a turn of the event loop (or `gapMs`) apart, so a proxy under
 * test sees a real stream rather than one coalesced write.
 */
async function streamFrames(res: ServerResponse, frames: string[], gapMs: number): Promise<void> {
  res.writeHead(200, SSE_HEADERS);
  for (let i = 0; i < frames.length; i += 1) {
    if (i > 0 && !(await pause(res, gapMs))) return;
    res.write(frames[i]);
  }
  res.end();
}

async function breakStream(
  res: ServerResponse,
  request: ChatRequest,
  chunks: number,
): Promise<void> {
  const destroy = (): void => void res.socket?.destroy();
  if (!request.stream) return destroy();
  const frames = StreamFrames.forText(newContext(request.model), DEFAULT_REPLY_TEXT);
  // Never the final [DONE] frame, so the stream can never look complete.
  const sent = frames.slice(0, Math.max(0, Math.min(chunks, frames.length - 1)));
  res.writeHead(200, SSE_HEADERS);
  if (sent.length === 0) {
    res.flushHeaders();
    setImmediate(destroy);
    return;
  }
  for (let i = 0; i < sent.length - 1; i += 1) {
    res.write(sent[i]);
    if (!(await pause(res, 0))) return;
  }
  // Destroying only once the last chunk reached the kernel, or it could be lost with the socket.
  res.write(sent[sent.length - 1], destroy);
}

/**
 * Waits `ms` (or one event loop turn for 0), resolving false instead if the response closes
 * first, so timers never outlive close() or a client that gave up.
 */
function pause(res: ServerResponse, ms: number): Promise<boolean> {
  if (res.destroyed) return Promise.resolve(false);
  return new Promise((resolve) => {
    let cancel: () => void;
    const onClose = (): void => {
      cancel();
      resolve(false);
    };
    const onTime = (): void => {
      res.off('close', onClose);
      resolve(!res.destroyed);
    };
    if (ms > 0) {
      const timer = setTimeout(onTime, ms);
      cancel = () => clearTimeout(timer);
    } else {
      const immediate = setImmediate(onTime);
      cancel = () => clearImmediate(immediate);
    }
    res.once('close', onClose);
  });
}
