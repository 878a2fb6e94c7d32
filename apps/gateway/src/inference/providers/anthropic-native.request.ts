import { isObject } from '../json';

type Json = Record<string, unknown>;

/**
 * A `/v1/messages` body as an Anthropic-dialect provider takes it natively: the client's own
 * body, unknown fields, `cache_control`, `thinking` and every block kept, with the provider's
 * model id, `stream` as asked, and without our routing field (`provider`). The one change:
 * `role: "system"` turns inside `messages` (current Claude Code sends them; the Messages API
 * refuses them) join the top-level `system`, after what is there, so the cache prefix the
 * client marked is untouched.
 */
export function nativeMessagesBody(body: Json, upstreamModel: string, stream: boolean): Json {
  const { provider: _preference, ...rest } = body;
  const out: Json = { ...rest, model: upstreamModel };
  if (stream) out.stream = true;
  else delete out.stream;
  const messages = Array.isArray(body.messages) ? (body.messages as unknown[]) : [];
  const systemTurns = messages.filter((m) => isObject(m) && m.role === 'system') as Json[];
  if (systemTurns.length === 0) return out;
  out.messages = messages.filter((m) => !(isObject(m) && m.role === 'system'));
  out.system = [
    ...systemBlocks(body.system),
    ...systemTurns.flatMap((m) => systemBlocks(m.content)),
  ];
  return out;
}

/** System content as text blocks (a string, or blocks of which only text counts). */
function systemBlocks(content: unknown): Json[] {
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  if (!Array.isArray(content)) return [];
  return (content as unknown[]).filter(
    (block): block is Json =>
      isObject(block) && block.type === 'text' && typeof block.text === 'string',
  );
}
