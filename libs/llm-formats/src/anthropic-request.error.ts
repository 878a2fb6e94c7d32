/**
 * A request body that does not follow the Anthropic Messages API.
 *
 * The HTTP layer answers it with Anthropic's `invalid_request_error` (400); the message is safe
 * to show to the caller.
 */
export class AnthropicRequestError extends Error {
  /**
   * @param param - Path of the offending field, e.g. `messages.2.content.0.tool_use_id`, or
   * `body` when the body itself is wrong.
   * @param message - What is wrong, naming the field.
   */
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(message);
    this.name = 'AnthropicRequestError';
  }
}
