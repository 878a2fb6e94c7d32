import type { OpenAiFunctionTool } from './openai.types';
import type {
  ResponsesCustomTool,
  ResponsesOutputCustomToolCall,
  ResponsesRequest,
  ResponsesTool,
} from './responses.types';

/**
 * Custom tools (the Responses API's `type: "custom"`, free-text input such as Codex CLI's
 * `apply_patch`) over a Chat Completions upstream, which knows only JSON functions: each is
 * offered as a function taking one string argument, `input`; a call of it comes back as a
 * `custom_tool_call` whose `input` is that string, and goes upstream again as a function call
 * with `{"input": ...}` as its arguments.
 */

/** The one argument of a custom tool offered as a function. */
export const CUSTOM_TOOL_ARGUMENT = 'input';

/** Whether a tool is a custom (free-text input) tool. */
export function isCustomTool(tool: ResponsesTool): tool is ResponsesCustomTool {
  return tool.type === 'custom' && typeof tool.name === 'string' && tool.name !== '';
}

/** The names of the request's custom tools: calls of these are `custom_tool_call` items. */
export function customToolNames(req: Pick<ResponsesRequest, 'tools'>): ReadonlySet<string> {
  return new Set((req.tools ?? []).filter(isCustomTool).map((tool) => tool.name));
}

/** A custom tool as a function with one string argument; its grammar, if any, told in words. */
export function customToolAsFunction(tool: ResponsesCustomTool): OpenAiFunctionTool {
  const format = tool.format;
  const syntax = format?.type === 'grammar' && format.syntax ? ` ${format.syntax}` : '';
  const grammar =
    format?.type === 'grammar' && typeof format.definition === 'string'
      ? `The input must follow this${syntax} grammar:\n${format.definition}`
      : undefined;
  const description = [tool.description ?? '', grammar ?? ''].filter((s) => s !== '').join('\n\n');
  return {
    type: 'function',
    function: {
      name: tool.name,
      ...(description === '' ? {} : { description }),
      parameters: {
        type: 'object',
        properties: {
          [CUSTOM_TOOL_ARGUMENT]: {
            type: 'string',
            description: `The whole free-form input of ${tool.name}.`,
          },
        },
        required: [CUSTOM_TOOL_ARGUMENT],
        additionalProperties: false,
      },
    },
  };
}

/** A custom tool's input as function-call arguments. */
export function customToolArguments(input: string): string {
  return JSON.stringify({ [CUSTOM_TOOL_ARGUMENT]: input });
}

/**
 * The input of a custom tool from the arguments the upstream sent: the `input` string, or
 * the arguments as they came when the model did not wrap them (never lose what it wrote).
 */
export function customToolInput(args: string): string {
  try {
    const parsed: unknown = JSON.parse(args);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      const input = (parsed as Record<string, unknown>)[CUSTOM_TOOL_ARGUMENT];
      if (typeof input === 'string') return input;
    }
  } catch {
    // Not JSON: the model wrote the input itself.
  }
  return args;
}

/**
 * A custom tool call item; ids as for function calls (the upstream's call id, or a stable
 * substitute).
 *
 * @internal
 */
export function customToolCallItem(
  responseId: string,
  position: number,
  upstreamId: string | undefined,
  name: string,
  input: string,
  status: ResponsesOutputCustomToolCall['status'] = 'completed',
): ResponsesOutputCustomToolCall {
  const callId =
    typeof upstreamId === 'string' && upstreamId !== ''
      ? upstreamId
      : `call_${responseId}_${position}`;
  return {
    type: 'custom_tool_call',
    id: `ctc_${responseId}_${position}`,
    call_id: callId,
    name,
    input,
    status,
  };
}
