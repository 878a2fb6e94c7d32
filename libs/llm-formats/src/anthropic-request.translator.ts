import {
  documentText,
  effortLevel,
  isClientTool,
  isTranslatable,
  responseFormat,
} from './anthropic-request.extras';
import type {
  AnthropicContentBlockParam,
  AnthropicImageBlock,
  AnthropicMessageParam,
  AnthropicMessagesRequest,
  AnthropicTextBlock,
  AnthropicThinkingConfig,
  AnthropicToolChoice,
  AnthropicToolResultBlock,
} from './anthropic.types';
import type {
  OpenAiAssistantMessage,
  OpenAiChatRequest,
  OpenAiContentPart,
  OpenAiImagePart,
  OpenAiMessage,
  OpenAiReasoningEffort,
  OpenAiTextPart,
  OpenAiToolCall,
  OpenAiToolChoice,
  OpenAiToolMessage,
} from './openai.types';

/** How to address the upstream. */
export interface AnthropicToOpenAiOptions {
  /** The upstream's own name of the model; replaces the client's `model`. */
  upstreamModel: string;
  /** Whether the upstream model accepts `reasoning_effort`; when not, `thinking` is dropped. */
  supportsReasoning: boolean;
}

/** Text blocks of a `system` array and of tool results are joined with a blank line. */
const TEXT_JOINER = '\n\n';

/** Prefix of a tool message whose tool_result had `is_error: true` (the field has no equivalent). */
export const TOOL_ERROR_PREFIX = 'Error: ';

/** Thinking budgets below this map to `low`. */
const MEDIUM_EFFORT_MIN_BUDGET = 4096;
/** Thinking budgets from this on map to `high`. */
const HIGH_EFFORT_MIN_BUDGET = 16384;

/**
 * Translates a validated Messages API request into a Chat Completions request.
 *
 * Lossy on purpose where the OpenAI dialect has no equivalent: `top_k`, `cache_control`, and
 * thinking blocks of earlier turns (upstreams cannot verify Anthropic signatures) are dropped;
 * a tool_result's `is_error` becomes a {@link TOOL_ERROR_PREFIX} on its text; images inside a
 * tool_result move to the user message that follows the tool messages, since OpenAI tool
 * messages hold text only. Assistant turns left with neither text nor tool calls (an empty
 * prefill, thinking only) are omitted.
 *
 * @param req - A request accepted by `validateAnthropicRequest`.
 * @param options - The upstream model and its capabilities.
 */
export function anthropicToOpenAiRequest(
  req: AnthropicMessagesRequest,
  options: AnthropicToOpenAiOptions,
): OpenAiChatRequest {
  const messages: OpenAiMessage[] = [];
  const system = systemText(req.system);
  if (system !== '') messages.push({ role: 'system', content: system });
  for (const message of req.messages) messages.push(...translateMessage(message));

  const out: OpenAiChatRequest = {
    model: options.upstreamModel,
    messages,
    max_tokens: req.max_tokens,
  };
  if (req.temperature !== undefined) out.temperature = req.temperature;
  if (req.top_p !== undefined) out.top_p = req.top_p;
  if (req.stop_sequences !== undefined && req.stop_sequences.length > 0) {
    out.stop = [...req.stop_sequences];
  }
  if (typeof req.metadata?.user_id === 'string') out.user = req.metadata.user_id;
  if (req.stream === true) {
    // Without include_usage, OpenAI streams carry no token counts at all.
    out.stream = true;
    out.stream_options = { include_usage: true };
  }
  const tools = (req.tools ?? []).filter(isClientTool);
  if (tools.length > 0) {
    out.tools = tools.map((tool) => ({
      type: 'function',
      function: {
        name: tool.name,
        ...(tool.description !== undefined && { description: tool.description }),
        parameters: tool.input_schema,
      },
    }));
  }
  // When every tool offered was left out, a choice among them means nothing upstream.
  const allLeftOut = tools.length === 0 && (req.tools ?? []).length > 0;
  if (req.tool_choice !== undefined && !(allLeftOut && req.tool_choice.type !== 'none')) {
    const leftOut = new Set((req.tools ?? []).filter((t) => !tools.includes(t)).map((t) => t.name));
    out.tool_choice = translateToolChoice(req.tool_choice, leftOut);
    if (req.tool_choice.type !== 'none' && req.tool_choice.disable_parallel_tool_use === true) {
      out.parallel_tool_calls = false;
    }
  }
  const effort = options.supportsReasoning
    ? (reasoningEffort(req.thinking) ?? effortLevel(req.output_config?.effort))
    : undefined;
  if (effort !== undefined) out.reasoning_effort = effort;
  const format = responseFormat(req.output_config?.format ?? req.output_format);
  if (format !== undefined) out.response_format = format;
  return out;
}

/**
 * Maps an Anthropic thinking budget onto OpenAI's three effort levels.
 *
 * @param budgetTokens - `thinking.budget_tokens`.
 * @returns `low` below 4096 tokens, `medium` below 16384, `high` from there on.
 */
export function reasoningEffortForBudget(budgetTokens: number): OpenAiReasoningEffort {
  if (budgetTokens < MEDIUM_EFFORT_MIN_BUDGET) return 'low';
  if (budgetTokens < HIGH_EFFORT_MIN_BUDGET) return 'medium';
  return 'high';
}

function reasoningEffort(
  thinking: AnthropicThinkingConfig | undefined,
): OpenAiReasoningEffort | undefined {
  switch (thinking?.type) {
    case 'enabled':
      return reasoningEffortForBudget(thinking.budget_tokens);
    case 'adaptive':
      // Adaptive thinking lets the model decide; the middle level is the closest default.
      return 'medium';
    case 'disabled':
    case undefined:
      return undefined;
  }
}

function systemText(system: AnthropicMessagesRequest['system']): string {
  if (system === undefined) return '';
  if (typeof system === 'string') return system;
  return system.map((block) => block.text).join(TEXT_JOINER);
}

/** A choice naming a tool that was left out (a server tool) falls back to `required`. */
function translateToolChoice(choice: AnthropicToolChoice, leftOut: Set<string>): OpenAiToolChoice {
  switch (choice.type) {
    case 'auto':
      return 'auto';
    case 'any':
      return 'required';
    case 'none':
      return 'none';
    case 'tool':
      return leftOut.has(choice.name)
        ? 'required'
        : { type: 'function', function: { name: choice.name } };
  }
}

function translateMessage(message: AnthropicMessageParam): OpenAiMessage[] {
  if (message.role === 'system') {
    const text =
      typeof message.content === 'string'
        ? message.content
        : message.content
            .filter((block): block is AnthropicTextBlock => block.type === 'text')
            .map((block) => block.text)
            .join(TEXT_JOINER);
    return text === '' ? [] : [{ role: 'system', content: text }];
  }
  if (message.role === 'user') return translateUserMessage(message.content);
  const assistant = translateAssistantMessage(message.content);
  return assistant === undefined ? [] : [assistant];
}

/**
 * Tool results become `tool` messages placed before the rest of the turn: OpenAI requires them
 * to follow the assistant message with the matching tool_calls immediately.
 */
function translateUserMessage(content: string | AnthropicContentBlockParam[]): OpenAiMessage[] {
  if (typeof content === 'string') return [{ role: 'user', content }];
  const toolMessages: OpenAiToolMessage[] = [];
  const parts: OpenAiContentPart[] = [];
  for (const block of content.filter(isTranslatable)) {
    switch (block.type) {
      case 'tool_result':
        toolMessages.push(toolMessage(block));
        parts.push(...toolResultImages(block).map(imagePart));
        break;
      case 'text':
        parts.push(textPart(block));
        break;
      case 'image':
        parts.push(imagePart(block));
        break;
      case 'document':
        parts.push({ type: 'text', text: documentText(block) });
        break;
      case 'tool_use':
      case 'thinking':
      case 'redacted_thinking':
        // Rejected in user turns by the validator.
        break;
    }
  }
  const messages: OpenAiMessage[] = [...toolMessages];
  if (parts.length > 0) {
    const [first] = parts;
    const single = parts.length === 1 && first.type === 'text' ? first.text : undefined;
    messages.push({ role: 'user', content: single ?? parts });
  }
  return messages;
}

function translateAssistantMessage(
  content: string | AnthropicContentBlockParam[],
): OpenAiAssistantMessage | undefined {
  if (typeof content === 'string') {
    return content === '' ? undefined : { role: 'assistant', content };
  }
  const texts: OpenAiTextPart[] = [];
  const toolCalls: OpenAiToolCall[] = [];
  for (const block of content.filter(isTranslatable)) {
    switch (block.type) {
      case 'text':
        texts.push(textPart(block));
        break;
      case 'tool_use':
        toolCalls.push({
          id: block.id,
          type: 'function',
          function: { name: block.name, arguments: JSON.stringify(block.input) },
        });
        break;
      case 'thinking':
      case 'redacted_thinking':
      case 'image':
      case 'tool_result':
      case 'document':
        // Thinking and server tool rounds are dropped (see above); the rest is rejected in
        // assistant turns.
        break;
    }
  }
  if (texts.length === 0 && toolCalls.length === 0) return undefined;
  const message: OpenAiAssistantMessage = {
    role: 'assistant',
    content: texts.length === 0 ? null : texts.length === 1 ? texts[0].text : texts,
  };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  return message;
}

function toolMessage(block: AnthropicToolResultBlock): OpenAiToolMessage {
  const text =
    typeof block.content === 'string'
      ? block.content
      : (block.content ?? [])
          .filter((inner): inner is AnthropicTextBlock => inner.type === 'text')
          .map((inner) => inner.text)
          .join(TEXT_JOINER);
  const content = block.is_error === true ? `${TOOL_ERROR_PREFIX}${text}` : text;
  return { role: 'tool', tool_call_id: block.tool_use_id, content };
}

function toolResultImages(block: AnthropicToolResultBlock): AnthropicImageBlock[] {
  if (typeof block.content === 'string' || block.content === undefined) return [];
  return block.content.filter((inner): inner is AnthropicImageBlock => inner.type === 'image');
}

function textPart(block: AnthropicTextBlock): OpenAiTextPart {
  return { type: 'text', text: block.text };
}

function imagePart(block: AnthropicImageBlock): OpenAiImagePart {
  const { source } = block;
  const url =
    source.type === 'base64' ? `data:${source.media_type};base64,${source.data}` : source.url;
  return { type: 'image_url', image_url: { url } };
}
