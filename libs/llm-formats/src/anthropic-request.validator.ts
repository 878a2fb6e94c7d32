import {
  isObject,
  isPositiveInteger,
  requireField,
  validateMessages,
  type JsonObject,
} from './anthropic-content.validator';
import { AnthropicRequestError } from './anthropic-request.error';
import type { AnthropicCountTokensRequest, AnthropicMessagesRequest } from './anthropic.types';

const TOOL_CHOICE_TYPES = new Set(['auto', 'any', 'tool', 'none']);
const THINKING_TYPES = new Set(['enabled', 'adaptive', 'disabled']);

/**
 * Checks that a parsed JSON body is a Messages API request KeepRouter can translate.
 *
 * Unknown fields are tolerated (clients send `cache_control`, `citations`, betas, ...) and left
 * in place; the translators ignore them. Block types that have no Chat Completions equivalent
 * (`document`, server tools, ...) are rejected rather than silently dropped, so the caller
 * learns that the router cannot honour them. Ranges follow Anthropic's API: `temperature` and
 * `top_p` within [0, 1].
 *
 * @param body - The parsed request body.
 * @returns The same object, typed.
 * @throws {@link AnthropicRequestError} naming the first offending field.
 */
export function validateAnthropicRequest(body: unknown): AnthropicMessagesRequest {
  return validateBody(body, true) as AnthropicMessagesRequest;
}

/**
 * Checks a `/v1/messages/count_tokens` body: the same rules as
 * {@link validateAnthropicRequest}, except that `max_tokens` is optional.
 *
 * @param body - The parsed request body.
 * @returns The same object, typed.
 * @throws {@link AnthropicRequestError} naming the first offending field.
 */
export function validateAnthropicCountTokensRequest(body: unknown): AnthropicCountTokensRequest {
  return validateBody(body, false);
}

function validateBody(body: unknown, requireMaxTokens: boolean): AnthropicCountTokensRequest {
  if (!isObject(body)) throw new AnthropicRequestError('body', 'The body must be a JSON object.');
  if (typeof body.model !== 'string' || body.model === '') {
    throw new AnthropicRequestError('model', '`model` is required and must be a non-empty string.');
  }
  if ((requireMaxTokens || body.max_tokens !== undefined) && !isPositiveInteger(body.max_tokens)) {
    throw new AnthropicRequestError('max_tokens', '`max_tokens` must be a positive integer.');
  }
  validateMessages(body.messages);
  validateOptionalFields(body);
  return body as unknown as AnthropicCountTokensRequest;
}

function validateOptionalFields(body: JsonObject): void {
  const { system } = body;
  if (system !== undefined && typeof system !== 'string') {
    if (!Array.isArray(system)) {
      throw new AnthropicRequestError(
        'system',
        '`system` must be a string or an array of text blocks.',
      );
    }
    system.forEach((block: unknown, i) => {
      if (!isObject(block) || block.type !== 'text' || typeof block.text !== 'string') {
        throw new AnthropicRequestError(`system.${i}`, `\`system.${i}\` must be a text block.`);
      }
    });
  }
  for (const field of ['temperature', 'top_p'] as const) {
    const value = body[field];
    if (value !== undefined && !(typeof value === 'number' && value >= 0 && value <= 1)) {
      throw new AnthropicRequestError(field, `\`${field}\` must be a number between 0 and 1.`);
    }
  }
  if (body.top_k !== undefined && !(isPositiveInteger(body.top_k) || body.top_k === 0)) {
    throw new AnthropicRequestError('top_k', '`top_k` must be a non-negative integer.');
  }
  const stops = body.stop_sequences;
  if (stops !== undefined && !(Array.isArray(stops) && stops.every((s) => typeof s === 'string'))) {
    throw new AnthropicRequestError(
      'stop_sequences',
      '`stop_sequences` must be an array of strings.',
    );
  }
  if (body.stream !== undefined && typeof body.stream !== 'boolean') {
    throw new AnthropicRequestError('stream', '`stream` must be a boolean.');
  }
  validateTools(body.tools);
  validateToolChoice(body.tool_choice);
  validateMetadata(body.metadata);
  validateThinking(body.thinking);
  validateOutputConfig(body);
  if (body.context_management !== undefined && !isObject(body.context_management)) {
    throw new AnthropicRequestError(
      'context_management',
      '`context_management` must be an object.',
    );
  }
}

function validateOutputConfig(body: JsonObject): void {
  const config = body.output_config;
  if (config !== undefined) {
    if (!isObject(config)) {
      throw new AnthropicRequestError('output_config', '`output_config` must be an object.');
    }
    if (config.effort !== undefined && typeof config.effort !== 'string') {
      throw new AnthropicRequestError(
        'output_config.effort',
        '`output_config.effort` must be a string.',
      );
    }
    validateOutputFormat(config.format, 'output_config.format');
  }
  validateOutputFormat(body.output_format, 'output_format');
}

function validateOutputFormat(format: unknown, path: string): void {
  if (format === undefined || format === null) return;
  if (!isObject(format) || format.type !== 'json_schema' || !isObject(format.schema)) {
    throw new AnthropicRequestError(
      path,
      `\`${path}\` must be {"type": "json_schema", "schema": {...}}.`,
    );
  }
}

function validateTools(tools: unknown): void {
  if (tools === undefined) return;
  if (!Array.isArray(tools)) {
    throw new AnthropicRequestError('tools', '`tools` must be an array of tool definitions.');
  }
  tools.forEach((tool: unknown, i) => {
    const path = `tools.${i}`;
    if (!isObject(tool)) throw new AnthropicRequestError(path, `\`${path}\` must be an object.`);
    if (tool.type !== undefined && tool.type !== 'custom') {
      // Anthropic-defined and server tools (web search, bash, text editor, ...): accepted, so
      // clients that always offer them keep working, and left out by the translator.
      if (typeof tool.type !== 'string') {
        throw new AnthropicRequestError(`${path}.type`, `\`${path}.type\` must be a string.`);
      }
      return;
    }
    requireField(tool, 'name', path, 'non-empty string');
    if (tool.description !== undefined) requireField(tool, 'description', path, 'string');
    requireField(tool, 'input_schema', path, 'object');
  });
}

function validateToolChoice(choice: unknown): void {
  if (choice === undefined) return;
  if (!isObject(choice) || typeof choice.type !== 'string' || !TOOL_CHOICE_TYPES.has(choice.type)) {
    throw new AnthropicRequestError(
      'tool_choice',
      "`tool_choice` must be an object whose `type` is 'auto', 'any', 'tool' or 'none'.",
    );
  }
  if (choice.type === 'tool') requireField(choice, 'name', 'tool_choice', 'non-empty string');
  if (choice.disable_parallel_tool_use !== undefined) {
    requireField(choice, 'disable_parallel_tool_use', 'tool_choice', 'boolean');
  }
}

function validateMetadata(metadata: unknown): void {
  if (metadata === undefined) return;
  if (!isObject(metadata)) {
    throw new AnthropicRequestError('metadata', '`metadata` must be an object.');
  }
  const userId = metadata.user_id;
  if (userId !== undefined && userId !== null && typeof userId !== 'string') {
    throw new AnthropicRequestError('metadata.user_id', '`metadata.user_id` must be a string.');
  }
}

function validateThinking(thinking: unknown): void {
  if (thinking === undefined) return;
  if (
    !isObject(thinking) ||
    typeof thinking.type !== 'string' ||
    !THINKING_TYPES.has(thinking.type)
  ) {
    throw new AnthropicRequestError(
      'thinking',
      "`thinking` must be an object whose `type` is 'enabled', 'adaptive' or 'disabled'.",
    );
  }
  if (thinking.type === 'enabled' && !isPositiveInteger(thinking.budget_tokens)) {
    throw new AnthropicRequestError(
      'thinking.budget_tokens',
      '`thinking.budget_tokens` must be a positive integer.',
    );
  }
}
