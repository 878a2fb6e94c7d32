import type { OpenAiChatChunk, OpenAiChunkDelta, OpenAiToolCallDelta } from './openai.types';

// Builders of upstream chunks for the stream specs. Not exported by the library.

/** A chunk carrying one delta of choice 0. */
export const deltaChunk = (
  fields: OpenAiChunkDelta,
  finishReason: string | null = null,
): OpenAiChatChunk => ({
  id: 'chatcmpl-1',
  object: 'chat.completion.chunk',
  choices: [{ index: 0, delta: fields, finish_reason: finishReason }],
});

/** A fragment of answer text. */
export const textChunk = (content: string): OpenAiChatChunk => deltaChunk({ content });

/** A fragment of reasoning, DeepSeek/vLLM style. */
export const reasoningChunk = (reasoning: string): OpenAiChatChunk =>
  deltaChunk({ reasoning_content: reasoning });

/** A fragment of one tool call. */
export const toolChunk = (call: OpenAiToolCallDelta): OpenAiChatChunk =>
  deltaChunk({ tool_calls: [call] });

/** The chunk carrying the finish reason. */
export const finishChunk = (reason: string): OpenAiChatChunk => deltaChunk({}, reason);

/** The final usage chunk of `stream_options.include_usage`. */
export const usageChunk = (
  promptTokens: number,
  completionTokens: number,
  cachedTokens?: number,
): OpenAiChatChunk => ({
  choices: [],
  usage: {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    ...(cachedTokens !== undefined && { prompt_tokens_details: { cached_tokens: cachedTokens } }),
  },
});
