import type { Db, ModelWithEndpoints, NewEndpoint, ProviderRepository } from '@app/database';
import { invalidRequest } from '@app/errors';
import type { EndpointInput } from './dto/model-field.validators';

/** The endpoint fields of a create or update body: the list, or the one-endpoint shorthand. */
export interface EndpointFields {
  endpoints?: EndpointInput[];
  upstream_provider?: string;
  upstream_model?: string;
}

/**
 * The endpoints a body asks for, or `undefined` when it leaves them alone. The shorthand
 * `upstream_provider` / `upstream_model` sets the first endpoint, keeping the others (and,
 * on an update, the half of the first endpoint it does not name). Every provider must exist.
 */
export async function endpointsOf(
  body: EndpointFields,
  current: ModelWithEndpoints | null,
  providers: ProviderRepository,
  db: Db,
): Promise<NewEndpoint[] | undefined> {
  const shorthand = body.upstream_provider !== undefined || body.upstream_model !== undefined;
  if (body.endpoints !== undefined && shorthand) {
    throw invalidRequest(
      'Send either endpoints or upstream_provider/upstream_model, not both.',
      'endpoints',
    );
  }
  let endpoints: NewEndpoint[] | undefined;
  let param = 'endpoints';
  if (body.endpoints !== undefined) {
    endpoints = body.endpoints.map((e) => ({
      providerId: e.provider,
      upstreamModel: e.upstream_model,
    }));
  } else if (shorthand) {
    const first = current?.endpoints[0];
    const providerId = body.upstream_provider ?? first?.providerId;
    const upstreamModel = body.upstream_model ?? first?.upstreamModel;
    param = body.upstream_provider !== undefined ? 'upstream_provider' : 'upstream_model';
    if (providerId === undefined || upstreamModel === undefined) {
      throw invalidRequest(
        'A new model needs endpoints, or both upstream_provider and upstream_model.',
        providerId === undefined ? 'upstream_provider' : 'upstream_model',
      );
    }
    const rest = (current?.endpoints.slice(1) ?? []).filter((e) => e.providerId !== providerId);
    endpoints = [
      { providerId, upstreamModel },
      ...rest.map((e) => ({ providerId: e.providerId, upstreamModel: e.upstreamModel })),
    ];
  } else if (current === null) {
    throw invalidRequest(
      'A new model needs endpoints, or both upstream_provider and upstream_model.',
      'endpoints',
    );
  }
  if (endpoints === undefined) return undefined;
  const known = new Set(
    (
      await providers.findMany(
        endpoints.map((e) => e.providerId),
        db,
      )
    ).map((p) => p.id),
  );
  const unknown = endpoints.find((e) => !known.has(e.providerId));
  if (unknown) {
    throw invalidRequest(
      `${param} names '${unknown.providerId}', which is not a provider; ` +
        'add it with PUT /admin/providers/:id first.',
      param,
    );
  }
  return endpoints;
}
