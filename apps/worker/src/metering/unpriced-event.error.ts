/**
 * The event's model has no price in effect at the event's time at the provider that served
 * it. Never priced at $0: the job fails visibly and is priced once a price exists and the
 * job is retried.
 */
export class UnpricedEventError extends Error {
  constructor(
    readonly eventId: string,
    readonly modelId: string,
    readonly occurredAt: string,
    readonly providerId?: string,
  ) {
    super(
      `No price in effect for model '${modelId}'` +
        (providerId ? ` at provider '${providerId}'` : ' (it has no endpoint)') +
        ` at ${occurredAt} (event ${eventId}).`,
    );
    this.name = 'UnpricedEventError';
  }
}
