import type {
  OpenAiAssistantMessage,
  OpenAiChatRequest,
  OpenAiContentPart,
  OpenAiFunctionTool,
  OpenAiImagePart,
  OpenAiMessage,
  OpenAiReasoningEffort,
  OpenAiResponseFormat,
  OpenAiToolChoice,
} from './openai.types';
import { customToolArguments, customToolAsFunction, isCustomTool } from './responses-custom-tool';
import type {
  ResponsesFunctionTool,
  ResponsesInputContentPart,
  ResponsesInputItem,
  ResponsesRequest,
  ResponsesTextFormat,
  ResponsesTool,
  ResponsesToolChoice,
} from './responses.types';

/** How to address the upstream. */
export interface ResponsesToOpenAiOptions {
  /** The upstream's own name of the model; replaces the client's `model`. */
  upstreamModel: string;
  /** Whether the upstream model accepts `reasoning_effort`; when not, `reasoning` is dropped. */
  supportsReasoning: boolean;
}

/** Text parts of one message or function output are joined with a blank line. */
const TEXT_JOINER = '\n\n';

/** A function without declared parameters takes none: OpenAI chat requires a schema. */
const NO_PARAMETERS: Record<string, unknown> = { type: 'object', properties: {} };

/**
 * Translates a validated Responses API request into a Chat Completions request.
 *
 * `instructions` become the first system message; `system` and `developer` items become
 * system messages where they stand. Consecutive `function_call` items join the assistant
 * message before them (or a new one) as `tool_calls`, and each `function_call_output`
 * becomes a `tool` message; images in function outputs move to a user message right after
 * the tool messages, since tool messages hold text only. Reasoning items are left out
 * (upstreams cannot verify another model's reasoning). Custom tools become functions of one
 * string argument (see responses-custom-tool.ts), their calls and outputs function calls
 * and tool messages. Built-in tools (`web_search`,
 * `file_search`, `local_shell`, ...) are left out of the upstream request: an OpenAI-dialect
 * upstream cannot run them, and agents that always offer them must keep working.
 *
 * @param req - A request accepted by `validateResponsesRequest`.
 * @param options - The upstream model and its capabilities.
 */
export function responsesToOpenAiRequest(
  req: ResponsesRequest,
  options: ResponsesToOpenAiOptions,
): OpenAiChatRequest {
  const messages: OpenAiMessage[] = [];
  if (typeof req.instructions === 'string' && req.instructions !== '') {
    messages.push({ role: 'system', content: req.instructions });
  }
  if (typeof req.input === 'string') messages.push({ role: 'user', content: req.input });
  else messages.push(...translateItems(req.input));

  const out: OpenAiChatRequest = { model: options.upstreamModel, messages };
  if (typeof req.max_output_tokens === 'number') out.max_tokens = req.max_output_tokens;
  if (typeof req.temperature === 'number') out.temperature = req.temperature;
  if (typeof req.top_p === 'number') out.top_p = req.top_p;
  const user = req.user ?? req.safety_identifier;
  if (typeof user === 'string' && user !== '') out.user = user;
  if (req.stream === true) {
    // Without include_usage, OpenAI streams carry no token counts at all.
    out.stream = true;
    out.stream_options = { include_usage: true };
  }
  const tools = (req.tools ?? []).flatMap((tool) => {
    if (isFunctionTool(tool)) return [translateTool(tool)];
    if (isCustomTool(tool)) return [customToolAsFunction(tool)];
    return [];
  });
  if (tools.length > 0) {
    out.tools = tools;
    const choice = translateToolChoice(req.tool_choice, new Set(tools.map((t) => t.function.name)));
    if (choice !== undefined) out.tool_choice = choice;
    if (typeof req.parallel_tool_calls === 'boolean') {
      out.parallel_tool_calls = req.parallel_tool_calls;
    }
  }
  const effort = options.supportsReasoning ? reasoningEffort(req.reasoning?.effort) : undefined;
  if (effort !== undefined) out.reasoning_effort = effort;
  const format = responseFormat(req.text?.format);
  if (format !== undefined) out.response_format = format;
  return out;
}

/** Whether a tool is a function the upstream can be offered. */
export function isFunctionTool(tool: ResponsesTool): tool is ResponsesFunctionTool {
  return tool.type === 'function';
}

function translateItems(items: ResponsesInputItem[]): OpenAiMessage[] {
  const messages: OpenAiMessage[] = [];
  // Images of function outputs, emitted as one user message once the tool messages end.
  let pendingImages: OpenAiImagePart[] = [];
  const flushImages = (): void => {
    if (pendingImages.length > 0) messages.push({ role: 'user', content: pendingImages });
    pendingImages = [];
  };
  for (const item of items) {
    if (item.type !== 'function_call_output' && item.type !== 'custom_tool_call_output') {
      flushImages();
    }
    switch (item.type) {
      case undefined:
      case 'message':
        messages.push(...translateMessage(item.role, item.content));
        break;
      case 'function_call':
      case 'custom_tool_call': {
        const last = messages[messages.length - 1];
        const call = {
          id: item.call_id,
          type: 'function' as const,
          function: {
            name: item.name,
            arguments:
              item.type === 'function_call' ? item.arguments : customToolArguments(item.input),
          },
        };
        if (last?.role === 'assistant') (last.tool_calls ??= []).push(call);
        else messages.push({ role: 'assistant', content: null, tool_calls: [call] });
        break;
      }
      case 'function_call_output':
      case 'custom_tool_call_output': {
        const { text, images } = splitParts(item.output);
        messages.push({ role: 'tool', tool_call_id: item.call_id, content: text });
        pendingImages.push(...images);
        break;
      }
      case 'reasoning':
        break;
    }
  }
  flushImages();
  // An assistant turn with neither text nor calls (an empty message item) says nothing.
  return messages.filter(
    (message) =>
      message.role !== 'assistant' || message.content !== null || message.tool_calls !== undefined,
  );
}

function translateMessage(
  role: 'user' | 'assistant' | 'system' | 'developer',
  content: string | ResponsesInputContentPart[],
): OpenAiMessage[] {
  switch (role) {
    case 'system':
    case 'developer': {
      const text = typeof content === 'string' ? content : splitParts(content).text;
      return text === '' ? [] : [{ role: 'system', content: text }];
    }
    case 'assistant': {
      const text = typeof content === 'string' ? content : splitParts(content).text;
      // Null content for now: a function_call item may follow and join this message.
      const message: OpenAiAssistantMessage = { role: 'assistant', content: text || null };
      return [message];
    }
    case 'user': {
      if (typeof content === 'string') return [{ role: 'user', content }];
      const parts = content.flatMap(userPart);
      const [first] = parts;
      const single = parts.length === 1 && first.type === 'text' ? first.text : undefined;
      return parts.length === 0 ? [] : [{ role: 'user', content: single ?? parts }];
    }
  }
}

function userPart(part: ResponsesInputContentPart): OpenAiContentPart[] {
  switch (part.type) {
    case 'input_text':
    case 'output_text':
      return [{ type: 'text', text: part.text }];
    case 'refusal':
      return [{ type: 'text', text: part.refusal }];
    case 'input_image':
      return [imagePart(part.image_url ?? '', part.detail)];
  }
}

function splitParts(content: string | ResponsesInputContentPart[]): {
  text: string;
  images: OpenAiImagePart[];
} {
  if (typeof content === 'string') return { text: content, images: [] };
  const texts: string[] = [];
  const images: OpenAiImagePart[] = [];
  for (const part of content) {
    if (part.type === 'input_image') images.push(imagePart(part.image_url ?? '', part.detail));
    else texts.push(part.type === 'refusal' ? part.refusal : part.text);
  }
  return { text: texts.join(TEXT_JOINER), images };
}

function imagePart(url: string, detail: 'auto' | 'low' | 'high' | undefined): OpenAiImagePart {
  return { type: 'image_url', image_url: detail === undefined ? { url } : { url, detail } };
}

function translateTool(tool: ResponsesFunctionTool): OpenAiFunctionTool {
  const fn: OpenAiFunctionTool['function'] = {
    name: tool.name,
    parameters: tool.parameters ?? NO_PARAMETERS,
  };
  if (typeof tool.description === 'string') fn.description = tool.description;
  if (typeof tool.strict === 'boolean') fn.strict = tool.strict;
  return { type: 'function', function: fn };
}

/**
 * A choice naming a function the upstream was offered passes on; a choice of a built-in
 * tool that was left out falls back to `auto` rather than naming a tool the upstream lacks.
 */
function translateToolChoice(
  choice: ResponsesToolChoice | undefined | null,
  offered: Set<string>,
): OpenAiToolChoice | undefined {
  if (choice === undefined || choice === null) return undefined;
  if (typeof choice === 'string') return choice;
  if (
    (choice.type === 'function' || choice.type === 'custom') &&
    typeof choice.name === 'string' &&
    offered.has(choice.name)
  ) {
    return { type: 'function', function: { name: choice.name } };
  }
  if (choice.type === 'allowed_tools' && (choice.mode === 'required' || choice.mode === 'auto')) {
    return choice.mode;
  }
  return 'auto';
}

/** Maps the Responses API's effort levels onto the three of Chat Completions. */
function reasoningEffort(effort: string | null | undefined): OpenAiReasoningEffort | undefined {
  switch (effort) {
    case 'minimal':
    case 'low':
      return 'low';
    case 'medium':
      return 'medium';
    case 'high':
    case 'xhigh':
      return 'high';
    case null:
    case undefined:
    default:
      return undefined;
  }
}

function responseFormat(format: ResponsesTextFormat | undefined): OpenAiResponseFormat | undefined {
  switch (format?.type) {
    case 'json_object':
      return { type: 'json_object' };
    case 'json_schema': {
      const schema: Extract<OpenAiResponseFormat, { type: 'json_schema' }>['json_schema'] = {
        name: format.name,
        schema: format.schema,
      };
      if (typeof format.description === 'string') schema.description = format.description;
      if (typeof format.strict === 'boolean') schema.strict = format.strict;
      return { type: 'json_schema', json_schema: schema };
    }
    case 'text':
    case undefined:
      return undefined;
  }
}
