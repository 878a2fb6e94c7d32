import type {
  AnthropicMessage,
  AnthropicResponseContentBlock,
  AnthropicStopReason,
  AnthropicUsage,
} from './anthropic.types';
import { readOpenAiContent } from './openai-content.reader';
import type { OpenAiChatResponse, OpenAiUsage } from './openai.types';

/** What the response needs from the original request. */
export interface OpenAiToAnthropicResponseOptions {
  /** The model the client asked for, echoed back instead of the upstream's name. */
  requestModel: string;
  /** The id to give the message (`msg_...`). */
  messageId: string;
}

/**
 * Translates a complete Chat Completions response into a Messages API response.
 *
 * Never throws on odd upstream output: a missing choice gives empty content, unparseable tool
 * arguments give `input: {}`, missing usage gives zeros. Only the first choice is used (the
 * request never asks for more). Content order is thinking, text, then tool calls, which is
 * the order Anthropic models produce.
 *
 * @param res - The upstream's response body.
 * @param options - Model name and message id to report.
 */
export function openAiToAnthropicResponse(
  res: OpenAiChatResponse,
  options: OpenAiToAnthropicResponseOptions,
): AnthropicMessage {
  const choice = Array.isArray(res.choices) ? res.choices[0] : undefined;
  const message = choice?.message ?? {};
  const content: AnthropicResponseContentBlock[] = [];
  const { text, reasoning } = readOpenAiContent(message);
  if (reasoning !== '') content.push({ type: 'thinking', thinking: reasoning, signature: '' });
  // A refusal is the model's answer too; without it the client would see an empty message.
  const answer = text !== '' ? text : (message.refusal ?? '');
  if (answer !== '') content.push({ type: 'text', text: answer });
  const toolCalls = (Array.isArray(message.tool_calls) ? message.tool_calls : []).filter(
    (call) => typeof call.function?.name === 'string',
  );
  toolCalls.forEach((call, i) => {
    content.push({
      type: 'tool_use',
      id: toolUseId(call.id, options.messageId, i),
      name: call.function?.name ?? '',
      input: parseToolArguments(call.function?.arguments),
    });
  });
  return {
    id: options.messageId,
    type: 'message',
    role: 'assistant',
    model: options.requestModel,
    content,
    stop_reason: toAnthropicStopReason(choice?.finish_reason, toolCalls.length > 0),
    stop_sequence: null,
    usage: toAnthropicUsage(res.usage),
  };
}

/**
 * Maps an OpenAI finish reason onto an Anthropic stop reason.
 *
 * `stop` cannot be told apart from a matched stop sequence (OpenAI does not say which one
 * matched), so it is `end_turn`. `content_filter` becomes `refusal`, Anthropic's reason for
 * output its safety systems cut. Missing and unknown reasons are `end_turn`. Some upstreams
 * answer `stop` even after calling tools; agent loops wait for `tool_use`, so an answer with
 * tool calls that otherwise ends normally is reported as `tool_use`.
 *
 * @param finishReason - `choices[0].finish_reason`.
 * @param hasToolCalls - Whether the answer contains tool calls.
 */
export function toAnthropicStopReason(
  finishReason: string | null | undefined,
  hasToolCalls = false,
): AnthropicStopReason {
  switch (finishReason) {
    case 'length':
      return 'max_tokens';
    case 'tool_calls':
    case 'function_call':
      return 'tool_use';
    case 'content_filter':
      return 'refusal';
    case 'stop':
    case null:
    case undefined:
    default:
      return hasToolCalls ? 'tool_use' : 'end_turn';
  }
}

/**
 * Maps OpenAI usage onto Anthropic usage.
 *
 * OpenAI's `prompt_tokens` includes cached tokens while Anthropic's `input_tokens` excludes
 * cache reads, so cached tokens are moved, not copied. Upstreams never report cache writes.
 */
export function toAnthropicUsage(usage: OpenAiUsage | null | undefined): AnthropicUsage {
  const prompt = count(usage?.prompt_tokens);
  const cached = Math.min(count(usage?.prompt_tokens_details?.cached_tokens), prompt);
  return {
    input_tokens: prompt - cached,
    output_tokens: count(usage?.completion_tokens),
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: cached,
  };
}

/**
 * Parses tool call arguments into an Anthropic `input` object.
 *
 * Anthropic requires an object. Empty arguments mean "no arguments"; invalid JSON or a
 * non-object value also gives `{}`, so the client's tool reports the missing parameters and
 * the model can retry, instead of the whole answer failing.
 */
export function parseToolArguments(args: string | null | undefined): Record<string, unknown> {
  if (typeof args !== 'string' || args.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(args);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/**
 * The upstream's tool call id, or a stable substitute: some upstreams omit ids, and the client
 * needs one to send the result back.
 *
 * @internal
 */
export function toolUseId(id: unknown, messageId: string, position: number): string {
  return typeof id === 'string' && id !== '' ? id : `toolu_${messageId}_${position}`;
}

function count(value: number | null | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}
