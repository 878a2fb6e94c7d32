import type {
  OpenAiChatChunk,
  OpenAiResponseContentPart,
  OpenAiToolCallDelta,
  OpenAiUsage,
} from './openai.types';

/** Text and reasoning found in a message or delta of an OpenAI-dialect response. */
export interface OpenAiContentPieces {
  text: string;
  reasoning: string;
}

/** The fields of a message or delta that may carry reasoning or text. */
interface ContentCarrier {
  content?: string | OpenAiResponseContentPart[] | null;
  reasoning_content?: string | null;
  reasoning?: string | null;
}

/**
 * Extracts the answer text and the reasoning text of a response message or stream delta.
 *
 * Upstreams disagree on where reasoning goes: `reasoning_content` (DeepSeek, vLLM), `reasoning`
 * (OpenRouter, newer vLLM) or `thinking` content parts (Mistral). Some send the same text under
 * both field names, so only the first non-empty one is taken.
 *
 * @param carrier - `choices[0].message` of a response or `choices[0].delta` of a chunk.
 */
export function readOpenAiContent(carrier: ContentCarrier): OpenAiContentPieces {
  let reasoning = firstNonEmpty(carrier.reasoning_content, carrier.reasoning);
  let text = '';
  const { content } = carrier;
  if (typeof content === 'string') {
    text = content;
  } else if (Array.isArray(content)) {
    for (const part of content) {
      if (part.type === 'text' && typeof part.text === 'string') text += part.text;
      else if (part.type === 'thinking') reasoning += thinkingText(part.thinking);
    }
  }
  return { text, reasoning };
}

function thinkingText(thinking: OpenAiResponseContentPart['thinking']): string {
  if (typeof thinking === 'string') return thinking;
  if (!Array.isArray(thinking)) return '';
  return thinking.map((inner) => (typeof inner.text === 'string' ? inner.text : '')).join('');
}

function firstNonEmpty(...values: Array<string | null | undefined>): string {
  for (const value of values) if (typeof value === 'string' && value !== '') return value;
  return '';
}

/**
 * Characters of answer a stream chunk carries, in every choice: text, reasoning, refusal,
 * tool names and tool arguments. The basis of the output estimate when the upstream never
 * reports its usage.
 */
export function countChunkCharacters(chunk: OpenAiChatChunk): number {
  let count = 0;
  for (const choice of Array.isArray(chunk.choices) ? chunk.choices : []) {
    const delta = choice.delta ?? {};
    const { text, reasoning } = readOpenAiContent(delta);
    count += text.length + reasoning.length + otherPartCharacters(delta.content);
    if (typeof delta.refusal === 'string') count += delta.refusal.length;
    for (const call of Array.isArray(delta.tool_calls) ? delta.tool_calls : []) {
      if (typeof call.function?.name === 'string') count += call.function.name.length;
      if (typeof call.function?.arguments === 'string') count += call.function.arguments.length;
    }
  }
  return count;
}

/**
 * Characters of the content parts {@link readOpenAiContent} does not read as text or
 * reasoning (`output_text`, images, references, parts of a type yet unknown): a part's own
 * `text` when it has one, else its JSON. Whatever an upstream streams is the basis of an
 * estimate, so a cut stream of such parts is never billed as nothing.
 */
function otherPartCharacters(content: unknown): number {
  if (!Array.isArray(content)) return 0;
  let count = 0;
  for (const part of content as Array<Record<string, unknown> | null>) {
    if (part === null || typeof part !== 'object') continue;
    if (part.type === 'text' || part.type === 'thinking') continue;
    count += typeof part.text === 'string' ? part.text.length : JSON.stringify(part).length;
  }
  return count;
}

/** What the first choice of a stream chunk adds, in the order a translator emits it. */
export interface OpenAiChunkReading {
  reasoning: string;
  /** Answer text, then a refusal's text, each non-empty. */
  texts: string[];
  toolCalls: OpenAiToolCallDelta[];
  /** Set on the choice's last chunk. */
  finishReason?: string;
  /** Set on the chunk that reports the request's usage (with or without choices). */
  usage?: OpenAiUsage;
}

/**
 * Reads one upstream chunk for a stream translator: the first choice's reasoning, text,
 * refusal, tool call deltas and finish reason, and the usage. Requests never ask for
 * several choices, so any others are ignored.
 */
export function readFirstChoiceOfChunk(chunk: OpenAiChatChunk): OpenAiChunkReading {
  const choices = Array.isArray(chunk.choices) ? chunk.choices : [];
  const choice = choices.find((candidate) => (candidate.index ?? 0) === 0);
  const usage = typeof chunk.usage === 'object' && chunk.usage !== null ? chunk.usage : undefined;
  if (choice === undefined) return { reasoning: '', texts: [], toolCalls: [], usage };
  const delta = choice.delta ?? {};
  const { text, reasoning } = readOpenAiContent(delta);
  const refusal = typeof delta.refusal === 'string' ? delta.refusal : '';
  return {
    reasoning,
    texts: [text, refusal].filter((piece) => piece !== ''),
    toolCalls: Array.isArray(delta.tool_calls) ? delta.tool_calls : [],
    finishReason: typeof choice.finish_reason === 'string' ? choice.finish_reason : undefined,
    usage,
  };
}
