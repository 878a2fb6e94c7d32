/**
 * Minimal shapes of the Anthropic Messages API (`POST /v1/messages`) used by the translators.
 *
 * Only the fields KeepRouter reads or writes are declared. Requests may carry more fields
 * (`cache_control`, `citations`, ...): the validator tolerates them and the translators ignore
 * them.
 */

/**
 * A role of a conversation turn. Anthropic's API documents only `user` and `assistant` (the
 * system prompt is a top-level field), but current Claude Code also sends `system` turns
 * inside `messages`; they become system instructions at that point of the conversation.
 */
export type AnthropicRole = 'user' | 'assistant' | 'system';

/** Plain text. */
export interface AnthropicTextBlock {
  type: 'text';
  text: string;
}

/** Inline image bytes, base64-encoded. */
export interface AnthropicBase64ImageSource {
  type: 'base64';
  media_type: string;
  data: string;
}

/** An image the provider fetches itself. */
export interface AnthropicUrlImageSource {
  type: 'url';
  url: string;
}

/** An image, accepted in user turns and inside tool results. */
export interface AnthropicImageBlock {
  type: 'image';
  source: AnthropicBase64ImageSource | AnthropicUrlImageSource;
}

/** A tool call made by the assistant. */
export interface AnthropicToolUseBlock {
  type: 'tool_use';
  id: string;
  name: string;
  input: Record<string, unknown>;
}

/** The client's answer to a {@link AnthropicToolUseBlock}, sent in the next user turn. */
export interface AnthropicToolResultBlock {
  type: 'tool_result';
  tool_use_id: string;
  content?: string | Array<AnthropicTextBlock | AnthropicImageBlock>;
  is_error?: boolean;
}

/** Visible reasoning of an earlier assistant turn. */
export interface AnthropicThinkingBlock {
  type: 'thinking';
  thinking: string;
  signature: string;
}

/** Encrypted reasoning of an earlier assistant turn. */
export interface AnthropicRedactedThinkingBlock {
  type: 'redacted_thinking';
  data: string;
}

/** A plain-text document, passed on as text. (PDF documents have no chat equivalent.) */
export interface AnthropicDocumentBlock {
  type: 'document';
  source: { type: 'text'; media_type?: string; data: string };
  title?: string | null;
  context?: string | null;
}

/**
 * A block of a server tool's round (web search, web fetch, code execution, MCP, ...) in an
 * earlier assistant turn. No OpenAI-dialect upstream ran it: accepted and left out.
 */
export interface AnthropicServerToolBlock {
  type: (typeof ANTHROPIC_SERVER_TOOL_BLOCK_TYPES)[number];
}

/** Block types of server tool rounds, accepted in assistant turns and left out upstream. */
export const ANTHROPIC_SERVER_TOOL_BLOCK_TYPES = [
  'server_tool_use',
  'web_search_tool_result',
  'web_fetch_tool_result',
  'code_execution_tool_result',
  'bash_code_execution_tool_result',
  'text_editor_code_execution_tool_result',
  'tool_search_tool_result',
  'mcp_tool_use',
  'mcp_tool_result',
  'container_upload',
] as const;

/** Every content block a request may contain. */
export type AnthropicContentBlockParam =
  | AnthropicTextBlock
  | AnthropicImageBlock
  | AnthropicToolUseBlock
  | AnthropicToolResultBlock
  | AnthropicThinkingBlock
  | AnthropicRedactedThinkingBlock
  | AnthropicDocumentBlock
  | AnthropicServerToolBlock;

/** One turn of the conversation. */
export interface AnthropicMessageParam {
  role: AnthropicRole;
  content: string | AnthropicContentBlockParam[];
}

/**
 * A tool the model may call. Absent or `'custom'` is a client tool with a schema; any other
 * type (`web_search_20250305`, `bash_20250124`, `text_editor_…`, ...) is one Anthropic
 * defines or runs itself: accepted, and left out for an OpenAI-dialect upstream.
 */
export interface AnthropicTool {
  type?: string;
  name: string;
  description?: string;
  input_schema: Record<string, unknown>;
}

/** How the model must use the tools. */
export type AnthropicToolChoice =
  | { type: 'auto'; disable_parallel_tool_use?: boolean }
  | { type: 'any'; disable_parallel_tool_use?: boolean }
  | { type: 'tool'; name: string; disable_parallel_tool_use?: boolean }
  | { type: 'none' };

/** Extended thinking settings. */
export type AnthropicThinkingConfig =
  { type: 'enabled'; budget_tokens: number } | { type: 'adaptive' } | { type: 'disabled' };

/** Body of `POST /v1/messages` (and, without `max_tokens`, of `/v1/messages/count_tokens`). */
export interface AnthropicMessagesRequest {
  model: string;
  max_tokens: number;
  messages: AnthropicMessageParam[];
  system?: string | AnthropicTextBlock[];
  temperature?: number;
  top_p?: number;
  top_k?: number;
  stop_sequences?: string[];
  stream?: boolean;
  tools?: AnthropicTool[];
  tool_choice?: AnthropicToolChoice;
  metadata?: { user_id?: string | null };
  thinking?: AnthropicThinkingConfig;
  /** Effort and structured output (Claude Code sends `effort`); `output_format` is its beta name. */
  output_config?: { effort?: string; format?: AnthropicOutputFormat | null };
  output_format?: AnthropicOutputFormat | null;
  /** Anthropic-side context editing: no upstream does it; accepted and left out. */
  context_management?: Record<string, unknown>;
}

/** A JSON Schema the answer must follow. */
export interface AnthropicOutputFormat {
  type: 'json_schema';
  schema: Record<string, unknown>;
}

/** Body of `POST /v1/messages/count_tokens`: a Messages request whose `max_tokens` is optional. */
export type AnthropicCountTokensRequest = Omit<AnthropicMessagesRequest, 'max_tokens'> & {
  max_tokens?: number;
};

/** Why the model stopped; KeepRouter never produces `stop_sequence` or `pause_turn`. */
export type AnthropicStopReason =
  'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'pause_turn' | 'refusal';

/** Token counts of a complete message. `input_tokens` excludes cache reads and writes. */
export interface AnthropicUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

/** Reasoning in a response; `signature` is always empty because upstreams do not sign it. */
export interface AnthropicResponseThinkingBlock {
  type: 'thinking';
  thinking: string;
  signature: string;
}

/** A content block of a response. */
export type AnthropicResponseContentBlock =
  AnthropicTextBlock | AnthropicResponseThinkingBlock | AnthropicToolUseBlock;

/** A complete (non-streamed) response of `POST /v1/messages`. */
export interface AnthropicMessage {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: AnthropicResponseContentBlock[];
  stop_reason: AnthropicStopReason;
  stop_sequence: null;
  usage: AnthropicUsage;
}

/** The message announced by `message_start`: no content, no stop reason, estimated usage. */
export interface AnthropicStreamMessage {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: [];
  stop_reason: null;
  stop_sequence: null;
  usage: { input_tokens: number; output_tokens: number };
}

/** Opens the stream. */
export interface AnthropicMessageStartEvent {
  type: 'message_start';
  message: AnthropicStreamMessage;
}

/** Keep-alive, ignored by clients. */
export interface AnthropicPingEvent {
  type: 'ping';
}

/** Opens content block `index`, empty. */
export interface AnthropicContentBlockStartEvent {
  type: 'content_block_start';
  index: number;
  content_block:
    | { type: 'text'; text: '' }
    | { type: 'thinking'; thinking: ''; signature: '' }
    | { type: 'tool_use'; id: string; name: string; input: Record<string, never> };
}

/** A fragment of an open content block. */
export type AnthropicContentDelta =
  | { type: 'text_delta'; text: string }
  | { type: 'thinking_delta'; thinking: string }
  | { type: 'signature_delta'; signature: string }
  | { type: 'input_json_delta'; partial_json: string };

/** Appends a fragment to content block `index`. */
export interface AnthropicContentBlockDeltaEvent {
  type: 'content_block_delta';
  index: number;
  delta: AnthropicContentDelta;
}

/** Closes content block `index`. */
export interface AnthropicContentBlockStopEvent {
  type: 'content_block_stop';
  index: number;
}

/** Usage carried by `message_delta`; the counts are cumulative, not increments. */
export interface AnthropicMessageDeltaUsage {
  output_tokens: number;
  input_tokens?: number;
  cache_read_input_tokens?: number;
}

/** Final stop reason and usage, sent once after the last content block. */
export interface AnthropicMessageDeltaEvent {
  type: 'message_delta';
  delta: { stop_reason: AnthropicStopReason; stop_sequence: null };
  usage: AnthropicMessageDeltaUsage;
}

/** Closes the stream. */
export interface AnthropicMessageStopEvent {
  type: 'message_stop';
}

/** A failure after the stream started; also terminates the stream. */
export interface AnthropicErrorEvent {
  type: 'error';
  error: { type: string; message: string };
}

/** Every server-sent event of a streamed `POST /v1/messages`. */
export type AnthropicStreamEvent =
  | AnthropicMessageStartEvent
  | AnthropicPingEvent
  | AnthropicContentBlockStartEvent
  | AnthropicContentBlockDeltaEvent
  | AnthropicContentBlockStopEvent
  | AnthropicMessageDeltaEvent
  | AnthropicMessageStopEvent
  | AnthropicErrorEvent;
