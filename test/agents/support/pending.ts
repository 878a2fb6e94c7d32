/**
 * Tests that need a gateway surface another engineer is building (issue 11, server side)
 * run through these; each turns into a plain `it` as soon as main serves it.
 */
export const itNeedsResponsesApi: typeof it = it.skip;

/** Claude Code sends `role: "system"` inside `messages`; /v1/messages refuses it today. */
export const itNeedsSystemRole: typeof it = it.skip;
