import { randomBytes } from 'node:crypto';
import type { FakeAnthropicUsage } from './anthropic-upstream.types';

/** What the fake reads from a Messages request. */
export interface MessagesRequest {
  model: string;
  stream: boolean;
  /** Characters of system and message content: the derived input token count. */
  contentChars: number;
  /** The first tool the request offers, if any. */
  firstTool: string | undefined;
}

/** One content block of an answer. */
export type AnswerBlock =
  | { type: 'text'; text: string }
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> };

/** A request's fields as Anthropic checks them, or why it refuses them. */
export function parseMessagesRequest(
  body: unknown,
): { ok: true; request: MessagesRequest } | { ok: false; message: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, message: 'The request body must be a JSON object.' };
  }
  const b = body as Record<string, unknown>;
  if (typeof b.model !== 'string' || b.model === '')
    return { ok: false, message: 'model: Field required' };
  if (!Number.isInteger(b.max_tokens) || (b.max_tokens as number) < 1) {
    return { ok: false, message: 'max_tokens: Field required' };
  }
  if (!Array.isArray(b.messages) || b.messages.length === 0) {
    return { ok: false, message: 'messages: at least one message is required' };
  }
  const tools = Array.isArray(b.tools) ? (b.tools as Array<{ name?: unknown }>) : [];
  const firstTool = typeof tools[0]?.name === 'string' ? tools[0].name : undefined;
  const contentChars = JSON.stringify(b.system ?? '').length + JSON.stringify(b.messages).length;
  return {
    ok: true,
    request: { model: b.model, stream: b.stream === true, contentChars, firstTool },
  };
}

/** Four characters a token, at least one: deterministic, so tests can predict it. */
export function deriveInputTokens(contentChars: number): number {
  return Math.max(1, Math.ceil(contentChars / 4));
}

/** One token a word of text, plus the JSON of tool inputs at four characters a token. */
export function deriveOutputTokens(blocks: AnswerBlock[]): number {
  let tokens = 0;
  for (const block of blocks) {
    if (block.type === 'text') tokens += block.text.split(/\s+/).filter(Boolean).length;
    else if (block.type === 'thinking')
      tokens += block.thinking.split(/\s+/).filter(Boolean).length;
    else tokens += Math.ceil(JSON.stringify(block.input).length / 4);
  }
  return Math.max(1, tokens);
}

export const newMessageId = () => `msg_fake${randomBytes(9).toString('hex')}`;
export const newToolUseId = () => `toolu_fake${randomBytes(9).toString('hex')}`;

/** Usage in Anthropic's shape: cache reads and writes apart from uncached input. */
export function usageBody(usage: FakeAnthropicUsage) {
  return {
    input_tokens: usage.inputTokens,
    cache_creation_input_tokens: usage.cacheCreationInputTokens ?? 0,
    cache_read_input_tokens: usage.cacheReadInputTokens ?? 0,
    output_tokens: usage.outputTokens,
  };
}

/** A whole Messages answer. */
export function buildMessage(
  id: string,
  model: string,
  blocks: AnswerBlock[],
  usage: FakeAnthropicUsage,
) {
  return {
    id,
    type: 'message',
    role: 'assistant',
    model,
    content: blocks,
    stop_reason: stopReasonOf(blocks),
    stop_sequence: null,
    usage: usageBody(usage),
  };
}

export function stopReasonOf(blocks: AnswerBlock[]): 'tool_use' | 'end_turn' {
  return blocks.some((block) => block.type === 'tool_use') ? 'tool_use' : 'end_turn';
}

/** The stream events of an answer, in Anthropic's order, as `[event name, data]` pairs. */
export function streamEvents(
  id: string,
  model: string,
  blocks: AnswerBlock[],
  usage: FakeAnthropicUsage,
): Array<[string, object]> {
  const events: Array<[string, object]> = [
    [
      'message_start',
      {
        type: 'message_start',
        message: {
          ...buildMessage(id, model, [], { ...usage, outputTokens: 1 }),
          stop_reason: null,
        },
      },
    ],
    ['ping', { type: 'ping' }],
  ];
  blocks.forEach((block, index) => {
    events.push([
      'content_block_start',
      { type: 'content_block_start', index, content_block: emptyOf(block) },
    ]);
    for (const delta of deltasOf(block)) {
      events.push(['content_block_delta', { type: 'content_block_delta', index, delta }]);
    }
    events.push(['content_block_stop', { type: 'content_block_stop', index }]);
  });
  events.push(
    [
      'message_delta',
      {
        type: 'message_delta',
        delta: { stop_reason: stopReasonOf(blocks), stop_sequence: null },
        usage: { output_tokens: usage.outputTokens },
      },
    ],
    ['message_stop', { type: 'message_stop' }],
  );
  return events;
}

function emptyOf(block: AnswerBlock): object {
  switch (block.type) {
    case 'text':
      return { type: 'text', text: '' };
    case 'thinking':
      return { type: 'thinking', thinking: '', signature: '' };
    case 'tool_use':
      return { type: 'tool_use', id: block.id, name: block.name, input: {} };
  }
}

function deltasOf(block: AnswerBlock): object[] {
  switch (block.type) {
    case 'text':
      return wordsOf(block.text).map((text) => ({ type: 'text_delta', text }));
    case 'thinking':
      return [
        ...wordsOf(block.thinking).map((thinking) => ({ type: 'thinking_delta', thinking })),
        { type: 'signature_delta', signature: block.signature },
      ];
    case 'tool_use': {
      const json = JSON.stringify(block.input);
      const half = Math.ceil(json.length / 2);
      return [json.slice(0, half), json.slice(half)]
        .filter(Boolean)
        .map((partial_json) => ({ type: 'input_json_delta', partial_json }));
    }
  }
}

/** The text split after each space, so the deltas concatenate back to it exactly. */
export function wordsOf(text: string): string[] {
  return text.match(/\S*\s*/g)?.filter(Boolean) ?? [text];
}
