import { parseDirectives, type PromptDirectives } from './prompt-directives';

/** The parts of a chat completion request the fake upstream reacts to. */
export interface ChatRequest {
  model: string;
  stream: boolean;
  includeUsage: boolean;
  /** Characters of all message contents, the basis of the derived prompt token count. */
  contentChars: number;
  /**
   * The request's `max_tokens`, the output cap Mistral honours (`max_completion_tokens` is
   * not read, as Mistral does not): no answer reports more completion tokens.
   */
  maxTokens: number | undefined;
  /** Name of the tool a default reply should call, or undefined when no tool is callable. */
  toolToCall: string | undefined;
  /** Directives of the most recent user message that holds any (see prompt-directives.ts). */
  directives: PromptDirectives | undefined;
  /** Assistant turns that called tools since the message holding the directives. */
  toolTurnsSinceDirectives: number;
  /** Whether tool results came after the last assistant turn: the model owes an answer. */
  answeringToolResults: boolean;
}

/** Outcome of {@link parseChatRequest}: the request, or why it is invalid. */
export type ChatRequestParse = { ok: true; request: ChatRequest } | { ok: false; message: string };

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Counts text characters; content may be a string, null, or an array of typed parts. */
function contentLength(content: unknown): number {
  if (typeof content === 'string') return content.length;
  if (!Array.isArray(content)) return 0;
  let total = 0;
  for (const part of content) {
    if (isObject(part) && typeof part.text === 'string') total += part.text.length;
  }
  return total;
}

function functionName(value: unknown): string | undefined {
  if (!isObject(value) || !isObject(value.function)) return undefined;
  const name = value.function.name;
  return typeof name === 'string' ? name : undefined;
}

/**
 * Picks the tool a default reply calls: the one `tool_choice` names, else the first tool, so
 * that tool calling can be exercised in dev without configuring a scenario.
 */
function toolToCall(tools: unknown, toolChoice: unknown): string | undefined {
  if (!Array.isArray(tools) || tools.length === 0 || toolChoice === 'none') return undefined;
  return functionName(toolChoice) ?? functionName(tools[0]);
}

/** Validates a parsed JSON body as a chat completion request, leniently like real providers. */
export function parseChatRequest(body: unknown): ChatRequestParse {
  if (!isObject(body)) return { ok: false, message: 'The request body must be a JSON object.' };
  const { model, messages } = body;
  if (typeof model !== 'string' || model === '') {
    return { ok: false, message: "'model' is required and must be a string." };
  }
  if (!Array.isArray(messages)) {
    return { ok: false, message: "'messages' is required and must be an array." };
  }
  let contentChars = 0;
  for (const message of messages) {
    if (isObject(message)) contentChars += contentLength(message.content);
  }
  const conversation = readConversation(messages);
  const streamOptions = body.stream_options;
  return {
    ok: true,
    request: {
      model,
      stream: body.stream === true,
      includeUsage: isObject(streamOptions) && streamOptions.include_usage === true,
      contentChars,
      maxTokens:
        Number.isInteger(body.max_tokens) && (body.max_tokens as number) > 0
          ? (body.max_tokens as number)
          : undefined,
      toolToCall: toolToCall(body.tools, body.tool_choice),
      ...conversation,
    },
  };
}

type Conversation = Pick<
  ChatRequest,
  'directives' | 'toolTurnsSinceDirectives' | 'answeringToolResults'
>;

/** Where the conversation stands: the directives in force and what the model owes. */
function readConversation(messages: unknown[]): Conversation {
  let directives: PromptDirectives | undefined;
  let toolTurnsSinceDirectives = 0;
  let answeringToolResults = false;
  for (const message of messages) {
    if (!isObject(message)) continue;
    switch (message.role) {
      case 'user': {
        const found = parseDirectives(contentText(message.content));
        if (found !== undefined) {
          directives = found;
          toolTurnsSinceDirectives = 0;
        }
        break;
      }
      case 'assistant':
        answeringToolResults = false;
        if (Array.isArray(message.tool_calls) && message.tool_calls.length > 0) {
          toolTurnsSinceDirectives += 1;
        }
        break;
      case 'tool':
        answeringToolResults = true;
        break;
      default:
        break;
    }
  }
  return { directives, toolTurnsSinceDirectives, answeringToolResults };
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) => (isObject(part) && typeof part.text === 'string' ? part.text : ''))
    .join('\n');
}
