/**
 * Minimal shapes of the OpenAI Chat Completions API (`POST /v1/chat/completions`) as spoken by
 * OpenAI-dialect upstreams (OpenAI, Mistral, vLLM, DeepSeek, OpenRouter, ...).
 *
 * Response and chunk types are deliberately loose (optional fields, `string` finish reasons):
 * they describe what upstreams actually send, and the translators must survive all of it.
 */

/** A text part of a multi-part message content. */
export interface OpenAiTextPart {
  type: 'text';
  text: string;
}

/** An image part; `url` is either `https://...` or a `data:` URL. */
export interface OpenAiImagePart {
  type: 'image_url';
  image_url: { url: string; detail?: 'auto' | 'low' | 'high' };
}

/** A part of a user message content. */
export type OpenAiContentPart = OpenAiTextPart | OpenAiImagePart;

/** Instructions placed first in the conversation. */
export interface OpenAiSystemMessage {
  role: 'system';
  content: string;
}

/** A user turn. */
export interface OpenAiUserMessage {
  role: 'user';
  content: string | OpenAiContentPart[];
}

/** A function call requested by the assistant; `arguments` is a JSON text. */
export interface OpenAiToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/** An assistant turn; `content` is null when the turn only calls tools. */
export interface OpenAiAssistantMessage {
  role: 'assistant';
  content: string | OpenAiTextPart[] | null;
  tool_calls?: OpenAiToolCall[];
}

/** The result of one tool call. */
export interface OpenAiToolMessage {
  role: 'tool';
  tool_call_id: string;
  content: string;
}

/** Every message KeepRouter sends upstream. */
export type OpenAiMessage =
  OpenAiSystemMessage | OpenAiUserMessage | OpenAiAssistantMessage | OpenAiToolMessage;

/** A function the model may call; `parameters` is a JSON Schema. */
export interface OpenAiFunctionTool {
  type: 'function';
  function: {
    name: string;
    description?: string;
    parameters: Record<string, unknown>;
    strict?: boolean;
  };
}

/** Structured output settings (`response_format`). */
export type OpenAiResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | {
      type: 'json_schema';
      json_schema: {
        name: string;
        schema: Record<string, unknown>;
        description?: string;
        strict?: boolean;
      };
    };

/** How the model must use the tools. */
export type OpenAiToolChoice =
  'auto' | 'required' | 'none' | { type: 'function'; function: { name: string } };

/** Reasoning effort understood by reasoning-capable upstreams. */
export type OpenAiReasoningEffort = 'low' | 'medium' | 'high';

/** Body of `POST /v1/chat/completions`. */
export interface OpenAiChatRequest {
  model: string;
  messages: OpenAiMessage[];
  max_tokens?: number;
  temperature?: number;
  top_p?: number;
  stop?: string[];
  user?: string;
  stream?: true;
  stream_options?: { include_usage: boolean };
  tools?: OpenAiFunctionTool[];
  tool_choice?: OpenAiToolChoice;
  parallel_tool_calls?: boolean;
  reasoning_effort?: OpenAiReasoningEffort;
  response_format?: OpenAiResponseFormat;
}

/** Finish reasons of the OpenAI spec; upstreams may send others, hence `string` in responses. */
export type OpenAiFinishReason =
  'stop' | 'length' | 'tool_calls' | 'function_call' | 'content_filter';

/** Token counts; `prompt_tokens` includes `prompt_tokens_details.cached_tokens`. */
export interface OpenAiUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number | null } | null;
}

/**
 * A part of response content. Besides OpenAI's `text`, Mistral's reasoning models send
 * `{type: 'thinking', thinking: [{type: 'text', text}]}` parts.
 */
export interface OpenAiResponseContentPart {
  type: string;
  text?: string;
  thinking?: string | Array<{ type: string; text?: string }>;
}

/** A tool call of a complete response; calls without `function` (custom tools) are ignored. */
export interface OpenAiResponseToolCall {
  id?: string;
  type?: string;
  function?: { name: string; arguments?: string | null };
}

/** The assistant message of a complete response. */
export interface OpenAiResponseMessage {
  role?: string;
  content?: string | OpenAiResponseContentPart[] | null;
  /** Reasoning text as sent by DeepSeek, vLLM and others. */
  reasoning_content?: string | null;
  /** Reasoning text as sent by OpenRouter and others. */
  reasoning?: string | null;
  refusal?: string | null;
  tool_calls?: OpenAiResponseToolCall[] | null;
}

/** One choice of a complete response. */
export interface OpenAiChatChoice {
  index?: number;
  message: OpenAiResponseMessage;
  /** One of {@link OpenAiFinishReason}, or whatever else an upstream invents. */
  finish_reason: string | null;
}

/** A complete (non-streamed) response. */
export interface OpenAiChatResponse {
  id?: string;
  object?: string;
  created?: number;
  model?: string;
  choices: OpenAiChatChoice[];
  usage?: OpenAiUsage | null;
}

/** A fragment of a tool call in a stream; `index` identifies the call across chunks. */
export interface OpenAiToolCallDelta {
  index?: number;
  id?: string;
  type?: string;
  function?: { name?: string | null; arguments?: string | null };
}

/** The fragment of the assistant message carried by one chunk. */
export interface OpenAiChunkDelta {
  role?: string;
  content?: string | OpenAiResponseContentPart[] | null;
  reasoning_content?: string | null;
  reasoning?: string | null;
  refusal?: string | null;
  tool_calls?: OpenAiToolCallDelta[] | null;
}

/** One choice of a chunk. */
export interface OpenAiChunkChoice {
  index?: number;
  delta: OpenAiChunkDelta;
  /** Set on the last chunk of the choice: one of {@link OpenAiFinishReason}, or another string. */
  finish_reason?: string | null;
}

/**
 * One `data:` payload of a streamed response. With `stream_options.include_usage`, the last
 * chunk has `choices: []` and the usage of the whole request.
 */
export interface OpenAiChatChunk {
  id?: string;
  object?: string;
  created?: number;
  model?: string;
  choices: OpenAiChunkChoice[];
  usage?: OpenAiUsage | null;
  /** Set, without `choices`, when the upstream reports a failure in the middle of a stream. */
  error?: { message?: string; type?: string; code?: string | number | null };
}
