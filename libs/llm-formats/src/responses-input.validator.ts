import { isObject, type JsonObject } from './anthropic-content.validator';
import { ResponsesRequestError } from './responses-request.error';

const MESSAGE_ROLES = new Set(['user', 'assistant', 'system', 'developer']);

/**
 * Checks `input`: a string, or items KeepRouter can translate (messages, function calls and
 * their outputs, reasoning), and that every function_call_output answers an earlier
 * function_call, as OpenAI requires.
 *
 * @internal
 * @throws {@link ResponsesRequestError} naming the first offending field.
 */
export function validateResponsesInput(input: unknown): void {
  if (typeof input === 'string') return;
  if (!Array.isArray(input)) {
    throw new ResponsesRequestError('input', '`input` is required: a string or an array of items.');
  }
  if (input.length === 0) {
    throw new ResponsesRequestError('input', '`input` must not be an empty array.');
  }
  const callIds = new Set<string>();
  input.forEach((item: unknown, i) => {
    const path = `input.${i}`;
    if (!isObject(item)) throw new ResponsesRequestError(path, `\`${path}\` must be an object.`);
    const type = item.type ?? (item.role !== undefined ? 'message' : undefined);
    switch (type) {
      case 'message':
        return validateMessage(item, path);
      case 'function_call':
        requireString(item, 'call_id', path, true);
        requireString(item, 'name', path, true);
        requireString(item, 'arguments', path, false);
        callIds.add(item.call_id as string);
        return;
      case 'function_call_output':
        return validateFunctionCallOutput(item, path, callIds);
      case 'custom_tool_call':
        requireString(item, 'call_id', path, true);
        requireString(item, 'name', path, true);
        requireString(item, 'input', path, false);
        callIds.add(item.call_id as string);
        return;
      case 'custom_tool_call_output':
        return validateFunctionCallOutput(item, path, callIds);
      case 'reasoning':
        return;
      case 'item_reference':
        throw new ResponsesRequestError(
          `${path}.type`,
          `\`${path}\`: KeepRouter does not store responses, so items cannot be referenced by id; ` +
            'send the items themselves in `input`.',
        );
      case undefined:
      default:
        throw new ResponsesRequestError(
          `${path}.type`,
          `\`${path}.type\`: unsupported input item type ${JSON.stringify(type)}; KeepRouter ` +
            "accepts 'message', 'function_call', 'function_call_output', 'custom_tool_call', " +
            "'custom_tool_call_output' and 'reasoning' items.",
        );
    }
  });
}

function validateMessage(item: JsonObject, path: string): void {
  if (typeof item.role !== 'string' || !MESSAGE_ROLES.has(item.role)) {
    throw new ResponsesRequestError(
      `${path}.role`,
      `\`${path}.role\` must be 'user', 'assistant', 'system' or 'developer'.`,
    );
  }
  validateContent(item.content, `${path}.content`);
}

function validateFunctionCallOutput(item: JsonObject, path: string, callIds: Set<string>): void {
  requireString(item, 'call_id', path, true);
  if (!callIds.has(item.call_id as string)) {
    throw new ResponsesRequestError(
      `${path}.call_id`,
      `\`${path}.call_id\`: no function_call or custom_tool_call item with call_id ` +
        `${JSON.stringify(item.call_id)} comes before it in \`input\`. KeepRouter is stateless: ` +
        'send the call items too.',
    );
  }
  validateContent(item.output, `${path}.output`);
}

function validateContent(content: unknown, path: string): void {
  if (typeof content === 'string') return;
  if (!Array.isArray(content)) {
    throw new ResponsesRequestError(path, `\`${path}\` must be a string or an array of parts.`);
  }
  content.forEach((part: unknown, j) => validatePart(part, `${path}.${j}`));
}

function validatePart(part: unknown, path: string): void {
  if (!isObject(part) || typeof part.type !== 'string') {
    throw new ResponsesRequestError(path, `\`${path}\` must be a content part with a \`type\`.`);
  }
  switch (part.type) {
    case 'input_text':
    case 'output_text':
      return requireString(part, 'text', path, false);
    case 'refusal':
      return requireString(part, 'refusal', path, false);
    case 'input_image':
      if (typeof part.image_url !== 'string' || part.image_url === '') {
        throw new ResponsesRequestError(
          `${path}.image_url`,
          `\`${path}.image_url\` is required: an https or data URL (KeepRouter stores no files, ` +
            'so `file_id` cannot be used).',
        );
      }
      return;
    default:
      throw new ResponsesRequestError(
        `${path}.type`,
        `\`${path}.type\`: unsupported content part type ${JSON.stringify(part.type)}; ` +
          "KeepRouter accepts 'input_text', 'output_text', 'refusal' and 'input_image'.",
      );
  }
}

/**
 * Throws unless `object[field]` is a string (a non-empty one when `nonEmpty`).
 *
 * @internal
 */
export function requireString(
  object: JsonObject,
  field: string,
  path: string,
  nonEmpty: boolean,
): void {
  const value = object[field];
  if (typeof value === 'string' && (!nonEmpty || value !== '')) return;
  const kind = nonEmpty ? 'a non-empty string' : 'a string';
  const verb = value === undefined ? 'is required and must' : 'must';
  const at = path === '' ? field : `${path}.${field}`;
  throw new ResponsesRequestError(at, `\`${at}\` ${verb} be ${kind}.`);
}
