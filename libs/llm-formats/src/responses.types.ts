/**
 * Minimal shapes of the OpenAI Responses API (`POST /v1/responses`) as KeepRouter serves it:
 * stateless, over an upstream that speaks Chat Completions.
 *
 * Only the fields KeepRouter reads or writes are declared. Requests may carry more (built-in
 * tools, `include`, `reasoning`, `text.verbosity`, ...): the validator tolerates them and the
 * translator leaves out what an upstream cannot use.
 */

/** A text part of an input message. `output_text` appears in assistant turns sent back. */
export interface ResponsesInputTextPart {
  type: 'input_text' | 'output_text';
  text: string;
}

/** An image part of an input message; `image_url` is `https://...` or a `data:` URL. */
export interface ResponsesInputImagePart {
  type: 'input_image';
  image_url?: string | null;
  file_id?: string | null;
  detail?: 'auto' | 'low' | 'high';
}

/** A refusal of an earlier assistant turn, sent back as history. */
export interface ResponsesRefusalPart {
  type: 'refusal';
  refusal: string;
}

/** Every content part an input message may hold. */
export type ResponsesInputContentPart =
  ResponsesInputTextPart | ResponsesInputImagePart | ResponsesRefusalPart;

/** A conversation turn; `type` may be omitted (the "easy" input message). */
export interface ResponsesMessageItem {
  type?: 'message';
  role: 'user' | 'assistant' | 'system' | 'developer';
  content: string | ResponsesInputContentPart[];
}

/** A function call the model made in an earlier turn. */
export interface ResponsesFunctionCallItem {
  type: 'function_call';
  call_id: string;
  name: string;
  arguments: string;
  id?: string;
}

/** The client's result of a function call. */
export interface ResponsesFunctionCallOutputItem {
  type: 'function_call_output';
  call_id: string;
  output: string | ResponsesInputContentPart[];
}

/** A custom tool call the model made in an earlier turn: free-form `input`, no JSON. */
export interface ResponsesCustomToolCallItem {
  type: 'custom_tool_call';
  call_id: string;
  name: string;
  input: string;
  id?: string;
}

/** The client's result of a custom tool call. */
export interface ResponsesCustomToolCallOutputItem {
  type: 'custom_tool_call_output';
  call_id: string;
  output: string | ResponsesInputContentPart[];
}

/** Reasoning of an earlier turn; accepted and left out (upstreams cannot verify it). */
export interface ResponsesReasoningInputItem {
  type: 'reasoning';
}

/** Every input item KeepRouter translates. */
export type ResponsesInputItem =
  | ResponsesMessageItem
  | ResponsesFunctionCallItem
  | ResponsesFunctionCallOutputItem
  | ResponsesCustomToolCallItem
  | ResponsesCustomToolCallOutputItem
  | ResponsesReasoningInputItem;

/** A function the model may call. Other tool types are built-in tools the upstream lacks. */
export interface ResponsesFunctionTool {
  type: 'function';
  name: string;
  description?: string | null;
  parameters?: Record<string, unknown> | null;
  strict?: boolean | null;
}

/**
 * A tool whose input is free text rather than JSON (Codex CLI's `apply_patch`), optionally
 * constrained by a grammar. Offered upstream as a function with one string argument.
 */
export interface ResponsesCustomTool {
  type: 'custom';
  name: string;
  description?: string | null;
  format?: { type: 'text' } | { type: 'grammar'; syntax?: string; definition?: string } | null;
}

/** A tool of any type as the client sent it; only function and custom tools reach the upstream. */
export type ResponsesTool =
  ResponsesFunctionTool | ResponsesCustomTool | { type: string; [field: string]: unknown };

/** How the model must use the tools. */
export type ResponsesToolChoice =
  | 'auto'
  | 'required'
  | 'none'
  | { type: 'function'; name: string }
  | { type: string; [field: string]: unknown };

/** The output format of text (`text.format`). */
export type ResponsesTextFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | {
      type: 'json_schema';
      name: string;
      schema: Record<string, unknown>;
      description?: string;
      strict?: boolean | null;
    };

/** Body of `POST /v1/responses`, as validated. */
export interface ResponsesRequest {
  model: string;
  input: string | ResponsesInputItem[];
  instructions?: string | null;
  tools?: ResponsesTool[];
  tool_choice?: ResponsesToolChoice;
  max_output_tokens?: number | null;
  temperature?: number | null;
  top_p?: number | null;
  parallel_tool_calls?: boolean | null;
  stream?: boolean | null;
  store?: boolean | null;
  user?: string;
  safety_identifier?: string;
  metadata?: Record<string, string> | null;
  reasoning?: { effort?: string | null; summary?: string | null } | null;
  text?: { format?: ResponsesTextFormat; verbosity?: string | null } | null;
  include?: string[] | null;
}

/** A text part of an output message. */
export interface ResponsesOutputText {
  type: 'output_text';
  text: string;
  annotations: [];
  logprobs: [];
}

/** An assistant message of the output. */
export interface ResponsesOutputMessage {
  type: 'message';
  id: string;
  status: 'in_progress' | 'completed' | 'incomplete';
  role: 'assistant';
  content: ResponsesOutputText[];
}

/** A function call of the output; `call_id` is what the client answers with. */
export interface ResponsesOutputFunctionCall {
  type: 'function_call';
  id: string;
  call_id: string;
  name: string;
  arguments: string;
  status: 'in_progress' | 'completed' | 'incomplete';
}

/** A custom tool call of the output: `input` is the free text the tool takes. */
export interface ResponsesOutputCustomToolCall {
  type: 'custom_tool_call';
  id: string;
  call_id: string;
  name: string;
  input: string;
  status: 'in_progress' | 'completed' | 'incomplete';
}

/** Reasoning the upstream streamed in the clear. */
export interface ResponsesOutputReasoning {
  type: 'reasoning';
  id: string;
  summary: [];
  content: Array<{ type: 'reasoning_text'; text: string }>;
  status: 'in_progress' | 'completed' | 'incomplete';
}

/** Every output item KeepRouter produces. */
export type ResponsesOutputItem =
  | ResponsesOutputMessage
  | ResponsesOutputFunctionCall
  | ResponsesOutputCustomToolCall
  | ResponsesOutputReasoning;

/** Token counts of a response; `input_tokens` includes `cached_tokens`. */
export interface ResponsesUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
  /** KeepRouter's addition: what the request costs, a decimal string in USD. */
  cost?: string;
}

/** Status of a response. */
export type ResponsesStatus = 'in_progress' | 'completed' | 'incomplete' | 'failed';

/** The response object, whole or as announced and completed by a stream. */
export interface ResponsesResponse {
  id: string;
  object: 'response';
  created_at: number;
  status: ResponsesStatus;
  error: { code: string; message: string } | null;
  incomplete_details: { reason: 'max_output_tokens' | 'content_filter' } | null;
  instructions: string | null;
  max_output_tokens: number | null;
  model: string;
  output: ResponsesOutputItem[];
  parallel_tool_calls: boolean;
  previous_response_id: null;
  reasoning: { effort: string | null; summary: string | null };
  store: false;
  temperature: number | null;
  text: { format: ResponsesTextFormat };
  tool_choice: ResponsesToolChoice;
  tools: ResponsesTool[];
  top_p: number | null;
  truncation: 'disabled';
  usage: ResponsesUsage | null;
  user: string | null;
  metadata: Record<string, string>;
}

/** The fields every streamed event has. */
interface EventBase {
  sequence_number: number;
}

/** Every server-sent event of a streamed `POST /v1/responses` KeepRouter emits. */
export type ResponsesStreamEvent = EventBase &
  (
    | {
        type:
          | 'response.created'
          | 'response.in_progress'
          | 'response.completed'
          | 'response.incomplete'
          | 'response.failed';
        response: ResponsesResponse;
      }
    | {
        type: 'response.output_item.added' | 'response.output_item.done';
        output_index: number;
        item: ResponsesOutputItem;
      }
    | {
        type: 'response.content_part.added' | 'response.content_part.done';
        item_id: string;
        output_index: number;
        content_index: number;
        part: ResponsesOutputText | { type: 'reasoning_text'; text: string };
      }
    | {
        type: 'response.output_text.delta';
        item_id: string;
        output_index: number;
        content_index: number;
        delta: string;
        logprobs: [];
      }
    | {
        type: 'response.output_text.done';
        item_id: string;
        output_index: number;
        content_index: number;
        text: string;
        logprobs: [];
      }
    | {
        type: 'response.reasoning_text.delta';
        item_id: string;
        output_index: number;
        content_index: number;
        delta: string;
      }
    | {
        type: 'response.reasoning_text.done';
        item_id: string;
        output_index: number;
        content_index: number;
        text: string;
      }
    | {
        type: 'response.function_call_arguments.delta';
        item_id: string;
        output_index: number;
        delta: string;
      }
    | {
        type: 'response.function_call_arguments.done';
        item_id: string;
        output_index: number;
        name: string;
        arguments: string;
      }
    | {
        type: 'response.custom_tool_call_input.delta';
        item_id: string;
        output_index: number;
        delta: string;
      }
    | {
        type: 'response.custom_tool_call_input.done';
        item_id: string;
        output_index: number;
        input: string;
      }
    | { type: 'error'; code: string | null; message: string; param: string | null }
  );
