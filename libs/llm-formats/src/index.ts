/**
 * Pure translation between the Anthropic Messages API and the OpenAI Chat Completions API:
 * request validation and translation, response and stream translation, SSE framing, the one
 * SSE parser of upstream streams, usage reading, and the one token-estimate rule. No I/O and
 * no framework: plain functions over plain types.
 */
export type * from './anthropic.types';
export type * from './openai.types';
export { AnthropicRequestError } from './anthropic-request.error';
export {
  validateAnthropicCountTokensRequest,
  validateAnthropicRequest,
} from './anthropic-request.validator';
export {
  anthropicToOpenAiRequest,
  reasoningEffortForBudget,
  TOOL_ERROR_PREFIX,
} from './anthropic-request.translator';
export type { AnthropicToOpenAiOptions } from './anthropic-request.translator';
export {
  openAiToAnthropicResponse,
  parseToolArguments,
  toAnthropicStopReason,
  toAnthropicUsage,
} from './openai-response.translator';
export type { OpenAiToAnthropicResponseOptions } from './openai-response.translator';
export { countChunkCharacters, readOpenAiContent } from './openai-content.reader';
export type { OpenAiContentPieces } from './openai-content.reader';
export { OpenAiToAnthropicStream } from './anthropic-stream.translator';
export type { OpenAiToAnthropicStreamOptions } from './anthropic-stream.translator';
export { checkAnthropicEventSequence } from './anthropic-stream.checker';
export { accumulateAnthropicEvents } from './anthropic-stream.accumulator';
export { serializeAnthropicEvent } from './anthropic-sse.serializer';
export { isInBandError, OpenAiSseError, OpenAiSseParser } from './openai-sse.parser';
export type { OpenAiSseItem } from './openai-sse.parser';
export {
  chatInputTokenBound,
  countJsonCharacters,
  countTokensEstimate,
  estimateTokensOfCharacters,
  estimateTokensOfJson,
  estimateUsage,
  MAX_IMAGE_TOKENS,
  messagesInputTokenBound,
} from './token-count.estimator';
export { readOpenAiUsage } from './openai-usage.reader';
export type { MeteredUsage } from './openai-usage.reader';
export { isNestedDeeperThan, MAX_JSON_DEPTH } from './json-depth';
export type * from './responses.types';
export { ResponsesRequestError } from './responses-request.error';
export { validateResponsesRequest } from './responses-request.validator';
export { isFunctionTool, responsesToOpenAiRequest } from './responses-request.translator';
export { customToolNames, isCustomTool } from './responses-custom-tool';
export type { ResponsesToOpenAiOptions } from './responses-request.translator';
export {
  openAiToResponsesResponse,
  responsesShell,
  toResponsesUsage,
} from './responses-response.translator';
export type { OpenAiToResponsesOptions } from './responses-response.translator';
export { OpenAiToResponsesStream } from './responses-stream.translator';
export type { OpenAiToResponsesStreamOptions } from './responses-stream.translator';
export { serializeResponsesEvent } from './responses-sse.serializer';
