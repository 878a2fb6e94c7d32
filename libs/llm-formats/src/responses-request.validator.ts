import { isObject, isPositiveInteger, type JsonObject } from './anthropic-content.validator';
import { requireString, validateResponsesInput } from './responses-input.validator';
import { ResponsesRequestError } from './responses-request.error';
import type { ResponsesRequest } from './responses.types';

const STATELESS =
  'KeepRouter does not store responses or conversations: send the whole conversation in ' +
  '`input` on every request';
const TOOL_CHOICE_MODES = new Set(['auto', 'required', 'none']);
const TEXT_FORMATS = new Set(['text', 'json_object', 'json_schema']);

/**
 * Checks that a parsed JSON body is a Responses API request KeepRouter can serve statelessly.
 *
 * Server-side state is refused with a 400 that says what to do instead: `previous_response_id`,
 * `conversation`, stored `prompt`s, `store: true` and `background: true`. Built-in tools
 * (`web_search`, `file_search`, `local_shell`, ...) are accepted (agent clients always offer
 * them) and left out by the translator; `reasoning` and `include` are accepted. Unknown fields
 * are tolerated.
 *
 * @param body - The parsed request body.
 * @returns The same object, typed.
 * @throws {@link ResponsesRequestError} naming the first offending field.
 */
export function validateResponsesRequest(body: unknown): ResponsesRequest {
  if (!isObject(body)) throw new ResponsesRequestError('body', 'The body must be a JSON object.');
  requireString(body, 'model', '', true);
  refuseState(body);
  validateResponsesInput(body.input);
  if (body.instructions !== undefined && body.instructions !== null) {
    requireString(body, 'instructions', '', false);
  }
  const maxOutput = body.max_output_tokens;
  if (maxOutput !== undefined && maxOutput !== null && !isPositiveInteger(maxOutput)) {
    throw new ResponsesRequestError(
      'max_output_tokens',
      '`max_output_tokens` must be a positive integer.',
    );
  }
  validateRange(body, 'temperature', 2);
  validateRange(body, 'top_p', 1);
  for (const field of ['stream', 'parallel_tool_calls'] as const) {
    const value = body[field];
    if (value !== undefined && value !== null && typeof value !== 'boolean') {
      throw new ResponsesRequestError(field, `\`${field}\` must be a boolean.`);
    }
  }
  validateTools(body.tools);
  validateToolChoice(body.tool_choice);
  validateText(body.text);
  for (const field of ['reasoning', 'metadata'] as const) {
    const value = body[field];
    if (value !== undefined && value !== null && !isObject(value)) {
      throw new ResponsesRequestError(field, `\`${field}\` must be an object.`);
    }
  }
  if (body.include !== undefined && body.include !== null && !Array.isArray(body.include)) {
    throw new ResponsesRequestError('include', '`include` must be an array of strings.');
  }
  return body as unknown as ResponsesRequest;
}

function refuseState(body: JsonObject): void {
  if (body.previous_response_id !== undefined && body.previous_response_id !== null) {
    throw new ResponsesRequestError(
      'previous_response_id',
      `\`previous_response_id\` is not supported: ${STATELESS} instead.`,
    );
  }
  if (body.store === true) {
    throw new ResponsesRequestError(
      'store',
      `\`store: true\` is not supported: ${STATELESS}, and set \`store\` to false or leave it out.`,
    );
  }
  if (body.conversation !== undefined && body.conversation !== null) {
    throw new ResponsesRequestError(
      'conversation',
      `\`conversation\` is not supported: ${STATELESS} instead.`,
    );
  }
  if (body.prompt !== undefined && body.prompt !== null) {
    throw new ResponsesRequestError(
      'prompt',
      '`prompt` (a stored prompt template) is not supported: send `instructions` and `input`.',
    );
  }
  if (body.background === true) {
    throw new ResponsesRequestError(
      'background',
      '`background: true` is not supported: KeepRouter answers every request directly.',
    );
  }
}

function validateRange(body: JsonObject, field: 'temperature' | 'top_p', max: number): void {
  const value = body[field];
  if (value === undefined || value === null) return;
  if (!(typeof value === 'number' && value >= 0 && value <= max)) {
    throw new ResponsesRequestError(field, `\`${field}\` must be a number between 0 and ${max}.`);
  }
}

function validateTools(tools: unknown): void {
  if (tools === undefined || tools === null) return;
  if (!Array.isArray(tools)) {
    throw new ResponsesRequestError('tools', '`tools` must be an array of tools.');
  }
  tools.forEach((tool: unknown, i) => {
    const path = `tools.${i}`;
    if (!isObject(tool) || typeof tool.type !== 'string') {
      throw new ResponsesRequestError(path, `\`${path}\` must be a tool object with a \`type\`.`);
    }
    if (tool.type === 'custom') {
      requireString(tool, 'name', path, true);
      return;
    }
    if (tool.type !== 'function') return;
    requireString(tool, 'name', path, true);
    const { parameters, description } = tool;
    if (parameters !== undefined && parameters !== null && !isObject(parameters)) {
      throw new ResponsesRequestError(
        `${path}.parameters`,
        `\`${path}.parameters\` must be a JSON Schema object.`,
      );
    }
    if (description !== undefined && description !== null) {
      requireString(tool, 'description', path, false);
    }
  });
}

function validateToolChoice(choice: unknown): void {
  if (choice === undefined || choice === null) return;
  if (typeof choice === 'string' && TOOL_CHOICE_MODES.has(choice)) return;
  if (isObject(choice) && typeof choice.type === 'string') {
    if (choice.type === 'function') requireString(choice, 'name', 'tool_choice', true);
    return;
  }
  throw new ResponsesRequestError(
    'tool_choice',
    "`tool_choice` must be 'auto', 'required', 'none' or an object with a `type`.",
  );
}

function validateText(text: unknown): void {
  if (text === undefined || text === null) return;
  if (!isObject(text)) throw new ResponsesRequestError('text', '`text` must be an object.');
  const { format } = text;
  if (format === undefined || format === null) return;
  if (!isObject(format) || typeof format.type !== 'string' || !TEXT_FORMATS.has(format.type)) {
    throw new ResponsesRequestError(
      'text.format',
      "`text.format.type` must be 'text', 'json_object' or 'json_schema'.",
    );
  }
  if (format.type === 'json_schema') {
    requireString(format, 'name', 'text.format', true);
    if (!isObject(format.schema)) {
      throw new ResponsesRequestError(
        'text.format.schema',
        '`text.format.schema` is required and must be a JSON Schema object.',
      );
    }
  }
}
