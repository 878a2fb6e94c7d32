import { AnthropicRequestError } from './anthropic-request.error';
import { ANTHROPIC_SERVER_TOOL_BLOCK_TYPES } from './anthropic.types';

/** A parsed JSON object. */
export type JsonObject = Record<string, unknown>;

const ROLES = new Set(['user', 'assistant', 'system']);
const SERVER_TOOL_BLOCKS = new Set<string>(ANTHROPIC_SERVER_TOOL_BLOCK_TYPES);

type Role = 'user' | 'assistant' | 'system';

/**
 * Checks `messages`: roles, content shapes, the block types allowed in each role, and that every
 * tool_result answers a tool_use of an earlier assistant turn.
 *
 * @internal
 * @throws {@link AnthropicRequestError} naming the first offending field.
 */
export function validateMessages(messages: unknown): void {
  if (!Array.isArray(messages) || messages.length === 0) {
    throw new AnthropicRequestError('messages', '`messages` must be a non-empty array.');
  }
  // Ids of tool_use blocks seen so far: a tool_result may only answer an earlier call.
  const toolUseIds = new Set<string>();
  messages.forEach((message: unknown, i) => {
    const path = `messages.${i}`;
    if (!isObject(message)) throw new AnthropicRequestError(path, `\`${path}\` must be an object.`);
    const { role, content } = message;
    if (typeof role !== 'string' || !ROLES.has(role)) {
      throw new AnthropicRequestError(
        `${path}.role`,
        `\`${path}.role\` must be 'user', 'assistant' or 'system'.`,
      );
    }
    if (typeof content !== 'string' && !Array.isArray(content)) {
      throw new AnthropicRequestError(
        `${path}.content`,
        `\`${path}.content\` must be a string or an array of content blocks.`,
      );
    }
    // Anthropic's own rule: only a final assistant turn (an empty prefill) may be empty.
    // An empty system turn says nothing and is left out.
    const isFinalAssistant = role === 'assistant' && i === messages.length - 1;
    if (content.length === 0 && !isFinalAssistant && role !== 'system') {
      throw new AnthropicRequestError(`${path}.content`, `\`${path}.content\` must not be empty.`);
    }
    if (Array.isArray(content)) {
      content.forEach((block: unknown, j) =>
        validateBlock(block, role as Role, `${path}.content.${j}`, toolUseIds),
      );
    }
  });
}

function validateBlock(block: unknown, role: Role, path: string, toolUseIds: Set<string>): void {
  if (!isObject(block) || typeof block.type !== 'string') {
    throw new AnthropicRequestError(path, `\`${path}\` must be a content block with a \`type\`.`);
  }
  const onlyIn = (allowed: Role): void => {
    if (role !== allowed) {
      throw new AnthropicRequestError(
        `${path}.type`,
        `\`${path}.type\`: '${String(block.type)}' blocks are only allowed in ${allowed} messages.`,
      );
    }
  };
  if (role === 'system' && block.type !== 'text') onlyIn('user');
  switch (block.type) {
    case 'text':
      requireField(block, 'text', path, 'string');
      return;
    case 'document':
      onlyIn('user');
      validateDocument(block, path);
      return;
    case 'image':
      onlyIn('user');
      validateImage(block, path);
      return;
    case 'tool_use':
      onlyIn('assistant');
      requireField(block, 'id', path, 'non-empty string');
      requireField(block, 'name', path, 'non-empty string');
      requireField(block, 'input', path, 'object');
      toolUseIds.add(block.id as string);
      return;
    case 'tool_result':
      onlyIn('user');
      validateToolResult(block, path, toolUseIds);
      return;
    case 'thinking':
      onlyIn('assistant');
      requireField(block, 'thinking', path, 'string');
      return;
    case 'redacted_thinking':
      onlyIn('assistant');
      requireField(block, 'data', path, 'string');
      return;
    default:
      if (SERVER_TOOL_BLOCKS.has(block.type)) return onlyIn('assistant');
      throw new AnthropicRequestError(
        `${path}.type`,
        `\`${path}.type\`: unsupported content block type '${block.type}'.`,
      );
  }
}

function validateDocument(block: JsonObject, path: string): void {
  const source = block.source;
  if (!isObject(source) || source.type !== 'text' || typeof source.data !== 'string') {
    throw new AnthropicRequestError(
      `${path}.source`,
      `\`${path}.source\`: only plain-text documents ({"type": "text", "data": ...}) can be ` +
        'passed to this model; PDF and URL documents are not supported.',
    );
  }
}

function validateImage(block: JsonObject, path: string): void {
  const source = block.source;
  const sourcePath = `${path}.source`;
  if (isObject(source) && source.type === 'base64') {
    requireField(source, 'media_type', sourcePath, 'non-empty string');
    requireField(source, 'data', sourcePath, 'non-empty string');
  } else if (isObject(source) && source.type === 'url') {
    requireField(source, 'url', sourcePath, 'non-empty string');
  } else {
    throw new AnthropicRequestError(
      sourcePath,
      `\`${sourcePath}\` must be a 'base64' or 'url' image source.`,
    );
  }
}

function validateToolResult(block: JsonObject, path: string, toolUseIds: Set<string>): void {
  requireField(block, 'tool_use_id', path, 'non-empty string');
  if (!toolUseIds.has(block.tool_use_id as string)) {
    throw new AnthropicRequestError(
      `${path}.tool_use_id`,
      `\`${path}.tool_use_id\`: '${String(block.tool_use_id)}' does not match the id of a ` +
        'tool_use block in an earlier assistant message.',
    );
  }
  if (block.is_error !== undefined) requireField(block, 'is_error', path, 'boolean');
  const content = block.content;
  if (content === undefined || typeof content === 'string') return;
  if (!Array.isArray(content)) {
    throw new AnthropicRequestError(
      `${path}.content`,
      `\`${path}.content\` must be a string or an array of text and image blocks.`,
    );
  }
  content.forEach((inner: unknown, k) => {
    const innerPath = `${path}.content.${k}`;
    if (isObject(inner) && inner.type === 'text') requireField(inner, 'text', innerPath, 'string');
    else if (isObject(inner) && inner.type === 'image') validateImage(inner, innerPath);
    else {
      throw new AnthropicRequestError(innerPath, `\`${innerPath}\` must be a text or image block.`);
    }
  });
}

/** The kinds of value {@link requireField} checks. */
export type FieldKind = 'string' | 'non-empty string' | 'object' | 'boolean';

/**
 * Throws unless `object[field]` is of the given kind.
 *
 * @internal
 */
export function requireField(
  object: JsonObject,
  field: string,
  path: string,
  kind: FieldKind,
): void {
  const value = object[field];
  const ok =
    kind === 'object'
      ? isObject(value)
      : kind === 'boolean'
        ? typeof value === 'boolean'
        : typeof value === 'string' && (kind === 'string' || value !== '');
  if (!ok) {
    const article = kind === 'object' ? 'an' : 'a';
    const verb = value === undefined ? 'is required and must' : 'must';
    throw new AnthropicRequestError(
      `${path}.${field}`,
      `\`${path}.${field}\` ${verb} be ${article} ${kind}.`,
    );
  }
}

/** @internal */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** @internal */
export function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}
