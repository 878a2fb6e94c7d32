import type { ChatRequest } from './chat-request.parser';
import type { FakeScenario } from './fake-upstream.types';

/** Text of the default reply: five words, so derived completion tokens are easy to assert. */
export const DEFAULT_REPLY_TEXT = 'Hello from the fake upstream.';

/** Arguments of tool calls that do not specify any. */
export const DEFAULT_TOOL_ARGUMENTS = '{}';

/** Tool name used by a `tool_call` scenario that names none when the request declares no tools. */
export const DEFAULT_TOOL_NAME = 'fake_tool';

const DEFAULT_SCENARIO: FakeScenario = { kind: 'reply' };

/** Holds the default scenario and the queue of one-shot scenarios consumed before it. */
export class ScenarioBook {
  private fallback: FakeScenario;
  // An index into an array rather than shift(), so draining a long queue stays linear.
  private queue: FakeScenario[] = [];
  private head = 0;

  constructor(initial: FakeScenario = DEFAULT_SCENARIO) {
    this.fallback = initial;
  }

  /** Sets the scenario used once the queue is empty. */
  setDefault(scenario: FakeScenario): void {
    this.fallback = scenario;
  }

  /** Appends one-shot scenarios. */
  enqueue(scenarios: FakeScenario[]): void {
    this.queue.push(...scenarios);
  }

  /** Empties the queue and restores a plain reply as the default. */
  reset(): void {
    this.queue = [];
    this.head = 0;
    this.fallback = DEFAULT_SCENARIO;
  }

  /** Takes the scenario for the next request: the oldest queued one, else the default. */
  next(): FakeScenario {
    if (this.head >= this.queue.length) return this.fallback;
    const scenario = this.queue[this.head];
    this.head += 1;
    if (this.head === this.queue.length) {
      this.queue = [];
      this.head = 0;
    }
    return scenario;
  }
}

/**
 * Adapts a scenario to the request it answers, so that an agent driving the fake can finish.
 * Explicit scenarios (a queued one, a reply with text) are what the test asked for and stay
 * as they are. A plain reply follows the prompt's directives (see prompt-directives.ts), then:
 * after tool results it answers text, never another call, so agent loops end; when the last
 * turn is the user's and tools are offered, it calls the one `tool_choice` names or the first.
 * The reply's `delayMs` is not carried over: the caller applies it before adapting.
 */
export function adaptScenario(scenario: FakeScenario, request: ChatRequest): FakeScenario {
  if (scenario.kind !== 'reply' || scenario.text !== undefined) return scenario;
  const { directives } = request;
  const usage = directives?.usage ?? scenario.usage;
  if (directives?.errorStatus !== undefined) {
    return { kind: 'error', status: directives.errorStatus };
  }
  const planned = directives?.toolCalls[request.toolTurnsSinceDirectives];
  if (planned !== undefined) {
    return { kind: 'tool_call', name: planned.name, arguments: planned.arguments, usage };
  }
  const text = directives?.text;
  if (request.answeringToolResults || text !== undefined || request.toolToCall === undefined) {
    return { kind: 'reply', text: text ?? DEFAULT_REPLY_TEXT, usage };
  }
  return { kind: 'tool_call', name: request.toolToCall, usage };
}
