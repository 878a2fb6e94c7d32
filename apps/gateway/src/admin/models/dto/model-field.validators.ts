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
  ValidateIf,
} from 'class-validator';
import type { Model } from '@app/database';
import { MODEL_ID_FORMAT, MODEL_ID_RULE } from '../model-id';

/**
 * Upstreams the gateway can call. Only Mistral has a client today; accepting another name
 * would create a model whose every request fails.
 */
export const UPSTREAM_PROVIDERS = ['mistral'] as const;

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

export const UpstreamProviderField = () =>
  applyDecorators(
    IsIn(UPSTREAM_PROVIDERS, {
      message: `$property must be one of: ${UPSTREAM_PROVIDERS.join(', ')} (the upstreams served for now)`,
    }),
  );

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
