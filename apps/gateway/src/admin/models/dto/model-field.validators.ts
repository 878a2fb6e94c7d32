import { applyDecorators } from '@nestjs/common';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateIf,
} from 'class-validator';
import type { Model } from '@app/database';
import { MODEL_ID_FORMAT, MODEL_ID_RULE } from '../model-id';
import { PROVIDER_ID_FORMAT } from '../../providers/provider-id';

export const MODEL_STATUSES: readonly Model['status'][] = ['active', 'retired'];

// Text fields are printed into page titles, tables and sentences: one line, no control
// characters, no surrounding spaces.
const ONE_LINE = /^[^\s\p{Cc}](?:[^\p{Cc}]*[^\s\p{Cc}])?$/u;
const SENTENCE = /^[^\s\p{Cc}][^\p{Cc}]*[.!?]$/u;
const CODE = /^[a-z][a-z0-9+_-]{0,49}$/;
const UPSTREAM_MODEL = /^[\x21-\x7e]{1,200}$/;

/** Absent is fine (the field is left as it is); `null` is not a value of any of these fields. */
export const Omittable = () => ValidateIf((_object: object, value: unknown) => value !== undefined);

export const ModelIdField = () =>
  applyDecorators(IsString(), Matches(MODEL_ID_FORMAT, { message: MODEL_ID_RULE }));

export const DisplayNameField = () => applyDecorators(IsString(), MaxLength(200), oneLine());

export const MakerField = () => applyDecorators(IsString(), MaxLength(100), oneLine());

export const DescriptionField = () =>
  applyDecorators(
    IsString(),
    MaxLength(1000),
    Matches(SENTENCE, {
      message:
        '$property must be one line ending with a full stop: pages print it as a sentence ' +
        'after "<maker>\'s"',
    }),
  );

export const ModalityField = () =>
  applyDecorators(
    IsString(),
    Matches(CODE, { message: '$property must be a lowercase code such as "text"' }),
  );

export const CapabilitiesField = () =>
  applyDecorators(
    IsArray(),
    ArrayMaxSize(20),
    ArrayUnique(undefined, { message: '$property must not repeat a code' }),
    IsString({ each: true }),
    Matches(CODE, {
      each: true,
      message: '$property must hold lowercase codes such as "streaming", "tools", "vision"',
    }),
  );

/** A provider id; whether it exists is the service's check (400 naming the field). */
export const UpstreamProviderField = () =>
  applyDecorators(
    IsString(),
    Matches(PROVIDER_ID_FORMAT, { message: '$property must be the id of a provider' }),
  );

/** At most this many endpoints per model: each is a fallback a request may try. */
export const MAX_ENDPOINTS = 8;

/** A model's endpoints as an operator sends them. */
export interface EndpointInput {
  provider: string;
  upstream_model: string;
}

/**
 * `[{provider, upstream_model}]`, 1 to {@link MAX_ENDPOINTS}, in preference order, each
 * provider once. One message for the whole list, so the 400 says what is wrong with it.
 */
export const EndpointsField = () =>
  ValidateBy({
    name: 'isEndpoints',
    validator: {
      validate: (value: unknown) => endpointsProblem(value) === null,
      defaultMessage: (args) => `$property ${endpointsProblem(args?.value) ?? 'is invalid'}`,
    },
  });

function endpointsProblem(value: unknown): string | null {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_ENDPOINTS) {
    return `must be a list of 1 to ${MAX_ENDPOINTS} endpoints [{provider, upstream_model}] in preference order`;
  }
  const seen = new Set<string>();
  for (const [i, endpoint] of value.entries()) {
    if (typeof endpoint !== 'object' || endpoint === null || Array.isArray(endpoint)) {
      return `[${i}] must be an object {provider, upstream_model}`;
    }
    const { provider, upstream_model: model, ...rest } = endpoint as Record<string, unknown>;
    const extra = Object.keys(rest)[0];
    if (extra !== undefined) return `[${i}] has an unknown field '${extra}'`;
    if (typeof provider !== 'string' || !PROVIDER_ID_FORMAT.test(provider)) {
      return `[${i}].provider must be the id of a provider`;
    }
    if (typeof model !== 'string' || !UPSTREAM_MODEL.test(model)) {
      return `[${i}].upstream_model must be 1 to 200 printable characters without spaces`;
    }
    if (seen.has(provider)) return `names the provider '${provider}' twice`;
    seen.add(provider);
  }
  return null;
}

export const UpstreamModelField = () =>
  applyDecorators(
    IsString(),
    Matches(UPSTREAM_MODEL, {
      message: '$property must be 1 to 200 printable characters without spaces',
    }),
  );

export const MaxOutputTokensField = () => applyDecorators(IsInt(), Min(1), Max(1_000_000));

export const StatusField = () =>
  applyDecorators(IsIn(MODEL_STATUSES, { message: "$property must be 'active' or 'retired'" }));

function oneLine() {
  return Matches(ONE_LINE, {
    message: '$property must be one line of text, without leading or trailing spaces',
  });
}
