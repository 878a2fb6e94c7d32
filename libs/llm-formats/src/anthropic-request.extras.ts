import {
  ANTHROPIC_SERVER_TOOL_BLOCK_TYPES,
  type AnthropicContentBlockParam,
  type AnthropicDocumentBlock,
  type AnthropicOutputFormat,
  type AnthropicServerToolBlock,
  type AnthropicTool,
} from './anthropic.types';
import type { OpenAiReasoningEffort, OpenAiResponseFormat } from './openai.types';

// What the Anthropic request translator passes on, and what it leaves out, of the fields
// current Claude Code sends beyond plain messages: server tools and their rounds, text
// documents, `output_config`. @internal: not exported by the library.

/** Text blocks of a document are joined like the translator's other texts. */
const TEXT_JOINER = '\n\n';

/** Server tool rounds of earlier turns are left out: no upstream ran them. */
export function isTranslatable(
  block: AnthropicContentBlockParam,
): block is Exclude<AnthropicContentBlockParam, AnthropicServerToolBlock> {
  return !(ANTHROPIC_SERVER_TOOL_BLOCK_TYPES as readonly string[]).includes(block.type);
}

/**
 * Whether a tool is a client tool with a schema: Anthropic-defined and server tool types
 * (web search, bash, text editor, ...) have no schema an OpenAI-dialect upstream could use.
 */
export function isClientTool(tool: AnthropicTool): boolean {
  return tool.type === undefined || tool.type === 'custom';
}

/** `output_config.effort` onto OpenAI's three levels; unknown values are left out. */
export function effortLevel(effort: string | undefined): OpenAiReasoningEffort | undefined {
  switch (effort) {
    case 'low':
      return 'low';
    case 'medium':
      return 'medium';
    case 'high':
    case 'max':
      return 'high';
    case undefined:
    default:
      return undefined;
  }
}

/** A JSON Schema the answer must follow, as OpenAI's structured output. */
export function responseFormat(
  format: AnthropicOutputFormat | null | undefined,
): OpenAiResponseFormat | undefined {
  if (format === null || format === undefined) return undefined;
  return { type: 'json_schema', json_schema: { name: 'output', schema: format.schema } };
}

/** A text document's title and context lead its text, as Anthropic shows them to the model. */
export function documentText(block: AnthropicDocumentBlock): string {
  const head = [block.title, block.context].filter(
    (value): value is string => typeof value === 'string' && value !== '',
  );
  return [...head, block.source.data].join(TEXT_JOINER);
}
