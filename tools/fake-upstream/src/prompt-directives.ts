import type { FakeUsage } from './fake-upstream.types';

/**
 * Directives a test (or a person trying a client) writes into a user prompt to steer the fake
 * model, e.g. `List the files. [[fake:tool_call name=Bash args={"command":"ls"}]]`.
 *
 * | directive                                          | effect                                        |
 * |----------------------------------------------------|-----------------------------------------------|
 * | `[[fake:text Any words here]]`                      | answer with exactly this text                 |
 * | `[[fake:tool_call name=NAME args={...json...}]]`     | call tool NAME with these arguments; several  |
 * |                                                    | directives are played one per turn, in order  |
 * | `[[fake:tokens in=120 out=30 cached=20]]`           | report this usage (`cached` is optional)      |
 * | `[[fake:error status=503]]`                         | answer this HTTP error                        |
 *
 * Only the most recent user message that holds a directive counts. Its tool calls are played
 * one per assistant turn after it: the first answers the prompt, the next one answers the
 * first call's result, and so on; once they are used up the fake answers text, so an agent
 * always finishes.
 */
export interface PromptDirectives {
  text?: string;
  toolCalls: Array<{ name: string; arguments: string }>;
  usage?: FakeUsage;
  errorStatus?: number;
}

const DIRECTIVE = /\[\[fake:([a-z_]+)([\s\S]*?)\]\]/g;

/** Reads the directives of one message text; an empty result when it holds none. */
export function parseDirectives(text: string): PromptDirectives | undefined {
  const directives: PromptDirectives = { toolCalls: [] };
  let found = false;
  for (const [, name, rawBody] of text.matchAll(DIRECTIVE)) {
    const body = rawBody.trim();
    switch (name) {
      case 'text':
        directives.text = body;
        found = true;
        break;
      case 'tool_call': {
        const match = /^name=(\S+)(?:\s+args=([\s\S]*))?$/.exec(body);
        if (match === null) break;
        directives.toolCalls.push({ name: match[1], arguments: match[2]?.trim() || '{}' });
        found = true;
        break;
      }
      case 'tokens': {
        const input = numberAfter(body, 'in');
        const output = numberAfter(body, 'out');
        if (input === undefined || output === undefined) break;
        const cached = numberAfter(body, 'cached');
        directives.usage = {
          promptTokens: input,
          completionTokens: output,
          ...(cached !== undefined && { cachedTokens: cached }),
        };
        found = true;
        break;
      }
      case 'error': {
        const status = numberAfter(body, 'status');
        if (status !== undefined && status >= 400 && status <= 599) {
          directives.errorStatus = status;
          found = true;
        }
        break;
      }
      default:
        break;
    }
  }
  return found ? directives : undefined;
}

function numberAfter(body: string, name: string): number | undefined {
  const match = new RegExp(`(?:^|\\s)${name}=(\\d+)(?:\\s|$)`).exec(body);
  return match === null ? undefined : Number(match[1]);
}
