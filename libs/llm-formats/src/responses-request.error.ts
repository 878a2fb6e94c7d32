/**
 * A request body that KeepRouter cannot serve as an OpenAI Responses API request: malformed,
 * or asking for server-side state a stateless router does not keep.
 *
 * The HTTP layer answers it with OpenAI's `invalid_request_error` (400); the message is safe
 * to show to the caller.
 */
export class ResponsesRequestError extends Error {
  /**
   * @param param - Path of the offending field, e.g. `input.2.call_id`, or `body`.
   * @param message - What is wrong, naming the field.
   */
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(message);
    this.name = 'ResponsesRequestError';
  }
}
