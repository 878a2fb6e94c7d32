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
 * Adapts a scenario to the request it answers. A reply with no explicit text becomes a call to
 * the request's tool when tools are offered, so clients relying on tool calling work in dev
 * without any setup; a reply with explicit text is what the test asked for and stays as is.
 * The reply's `delayMs` is not carried over: the caller applies it before adapting.
 */
export function adaptScenario(scenario: FakeScenario, request: ChatRequest): FakeScenario {
  if (scenario.kind !== 'reply' || scenario.text !== undefined) return scenario;
  if (request.toolToCall === undefined) return scenario;
  return { kind: 'tool_call', name: request.toolToCall, usage: scenario.usage };
}
