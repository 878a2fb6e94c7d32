/**
 * The event's model has no price in effect at the event's time. Never priced at $0:
 * the job fails visibly and is priced once a price exists and the job is retried.
 */
export class UnpricedEventError extends Error {
  constructor(
    readonly eventId: string,
    readonly modelId: string,
    readonly occurredAt: string,
  ) {
    super(`No price in effect for model '${modelId}' at ${occurredAt} (event ${eventId}).`);
    this.name = 'UnpricedEventError';
  }
}
