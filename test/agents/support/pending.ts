import * as formats from '@app/llm-formats';

/**
 * Tests that need a gateway capability the server side of issue 11 builds run through these:
 * each is a plain `it` as soon as the code on this branch has the capability (probed in the
 * pure translation library, synchronously, since Jest collects tests before any server runs),
 * and a skip with its reason until then.
 */
function when(available: boolean): typeof it {
  return available ? it : it.skip;
}

/** POST /v1/responses: Codex CLI, the AI SDK's default `openai(model)`, `useResponsesApi`. */
export const itNeedsResponsesApi = when(
  typeof (formats as Record<string, unknown>).validateResponsesRequest === 'function',
);

/** `role: "system"` inside Anthropic `messages`, which Claude Code sends. */
export const itNeedsSystemRole = when(acceptsSystemRoleInMessages());

function acceptsSystemRoleInMessages(): boolean {
  try {
    formats.validateAnthropicRequest({
      model: 'probe',
      max_tokens: 1,
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'system', content: 'sub-agents' },
      ],
    });
    return true;
  } catch {
    return false;
  }
}
