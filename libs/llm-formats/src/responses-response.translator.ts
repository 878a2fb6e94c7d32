import { readOpenAiContent } from './openai-content.reader';
import { customToolCallItem, customToolInput, customToolNames } from './responses-custom-tool';
import type { OpenAiChatResponse, OpenAiUsage } from './openai.types';
import type {
  ResponsesOutputFunctionCall,
  ResponsesOutputItem,
  ResponsesOutputMessage,
  ResponsesOutputReasoning,
  ResponsesRequest,
  ResponsesResponse,
  ResponsesStatus,
  ResponsesUsage,
} from './responses.types';

/** What the response needs besides the request. */
export interface OpenAiToResponsesOptions {
  /** The id to give the response (KeepRouter uses its request id, the usage record's id). */
  responseId: string;
  /** Unix seconds of the request. */
  createdAt: number;
}

/**
 * Translates a complete Chat Completions response into a Responses API response.
 *
 * Never throws on odd upstream output: a missing choice gives no output items, missing usage
 * gives zeros. Output order is reasoning, message, then function calls, the order OpenAI
 * models produce. A `length` finish is `incomplete` with reason `max_output_tokens`.
 *
 * @param res - The upstream's response body.
 * @param req - The client's request, echoed back as OpenAI does (model, tools, settings).
 * @param options - Id and creation time of the response.
 */
export function openAiToResponsesResponse(
  res: OpenAiChatResponse,
  req: ResponsesRequest,
  options: OpenAiToResponsesOptions,
): ResponsesResponse {
  const choice = Array.isArray(res.choices) ? res.choices[0] : undefined;
  const message = choice?.message ?? {};
  const output: ResponsesOutputItem[] = [];
  const { text, reasoning } = readOpenAiContent(message);
  const id = options.responseId;
  if (reasoning !== '') output.push(reasoningItem(id, output.length, reasoning, 'completed'));
  // A refusal is the model's answer too; without it the client would see nothing.
  const answer = text !== '' ? text : (message.refusal ?? '');
  if (answer !== '') output.push(messageItem(id, output.length, answer, 'completed'));
  const calls = (Array.isArray(message.tool_calls) ? message.tool_calls : []).filter(
    (call) => typeof call.function?.name === 'string',
  );
  const custom = customToolNames(req);
  calls.forEach((call, i) => {
    const name = call.function?.name ?? '';
    const args = call.function?.arguments ?? '';
    output.push(
      custom.has(name)
        ? customToolCallItem(id, i, call.id, name, customToolInput(args))
        : functionCallItem(id, i, call.id, name, args),
    );
  });
  return {
    ...responsesShell(req, options, responsesStatus(choice?.finish_reason)),
    incomplete_details: incompleteDetailsOf(choice?.finish_reason),
    output,
    usage: toResponsesUsage(res.usage),
  };
}

/**
 * The response object without output or usage: what `response.created` announces, and the
 * frame the final answer fills in. Request settings are echoed back as OpenAI does.
 */
export function responsesShell(
  req: ResponsesRequest,
  options: OpenAiToResponsesOptions,
  status: ResponsesStatus,
): ResponsesResponse {
  return {
    id: options.responseId,
    object: 'response',
    created_at: options.createdAt,
    status,
    error: null,
    incomplete_details: null,
    instructions: req.instructions ?? null,
    max_output_tokens: req.max_output_tokens ?? null,
    model: req.model,
    output: [],
    parallel_tool_calls: req.parallel_tool_calls ?? true,
    previous_response_id: null,
    reasoning: { effort: req.reasoning?.effort ?? null, summary: req.reasoning?.summary ?? null },
    store: false,
    temperature: req.temperature ?? null,
    text: { format: req.text?.format ?? { type: 'text' } },
    tool_choice: req.tool_choice ?? 'auto',
    tools: req.tools ?? [],
    top_p: req.top_p ?? null,
    truncation: 'disabled',
    usage: null,
    user: req.user ?? null,
    metadata: req.metadata ?? {},
  };
}

/**
 * The status of a response from the upstream's finish reason: `length` and `content_filter`
 * leave it `incomplete`; everything else (tool calls included) is `completed`.
 */
export function responsesStatus(finishReason: string | null | undefined): ResponsesStatus {
  return finishReason === 'length' || finishReason === 'content_filter'
    ? 'incomplete'
    : 'completed';
}

/** `incomplete_details` of a response that ended for this finish reason. */
export function incompleteDetailsOf(
  finishReason: string | null | undefined,
): ResponsesResponse['incomplete_details'] {
  if (responsesStatus(finishReason) !== 'incomplete') return null;
  return { reason: finishReason === 'content_filter' ? 'content_filter' : 'max_output_tokens' };
}

/**
 * Maps OpenAI chat usage onto Responses usage. Both count cached tokens inside the input
 * tokens, so nothing moves; missing counts are zeros.
 */
export function toResponsesUsage(usage: OpenAiUsage | null | undefined): ResponsesUsage {
  const input = count(usage?.prompt_tokens);
  const output = count(usage?.completion_tokens);
  const details = (usage as { completion_tokens_details?: { reasoning_tokens?: number } } | null)
    ?.completion_tokens_details;
  return {
    input_tokens: input,
    input_tokens_details: {
      cached_tokens: Math.min(count(usage?.prompt_tokens_details?.cached_tokens), input),
    },
    output_tokens: output,
    output_tokens_details: { reasoning_tokens: Math.min(count(details?.reasoning_tokens), output) },
    total_tokens: input + output,
  };
}

/** @internal */
export function messageItem(
  responseId: string,
  outputIndex: number,
  text: string,
  status: ResponsesOutputMessage['status'],
): ResponsesOutputMessage {
  return {
    type: 'message',
    id: `msg_${responseId}_${outputIndex}`,
    status,
    role: 'assistant',
    content: text === '' && status === 'in_progress' ? [] : [outputText(text)],
  };
}

/** @internal */
export function outputText(text: string): ResponsesOutputMessage['content'][number] {
  return { type: 'output_text', text, annotations: [], logprobs: [] };
}

/** @internal */
export function reasoningItem(
  responseId: string,
  outputIndex: number,
  text: string,
  status: ResponsesOutputReasoning['status'],
): ResponsesOutputReasoning {
  return {
    type: 'reasoning',
    id: `rs_${responseId}_${outputIndex}`,
    summary: [],
    content: text === '' && status === 'in_progress' ? [] : [{ type: 'reasoning_text', text }],
    status,
  };
}

/**
 * A function call item; the upstream's call id, or a stable substitute (some upstreams omit
 * ids, and the client needs one to send the output back).
 *
 * @internal
 */
export function functionCallItem(
  responseId: string,
  position: number,
  upstreamId: string | undefined,
  name: string,
  args: string,
  status: ResponsesOutputFunctionCall['status'] = 'completed',
): ResponsesOutputFunctionCall {
  const callId =
    typeof upstreamId === 'string' && upstreamId !== ''
      ? upstreamId
      : `call_${responseId}_${position}`;
  return {
    type: 'function_call',
    id: `fc_${responseId}_${position}`,
    call_id: callId,
    name,
    arguments: args,
    status,
  };
}

function count(value: number | null | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}
