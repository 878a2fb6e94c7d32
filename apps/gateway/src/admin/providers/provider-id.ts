import { Injectable, type PipeTransform } from '@nestjs/common';
import { invalidRequest } from '@app/errors';

/** A provider id: a short lowercase code such as `mistral` or `together-eu`. */
export const PROVIDER_ID_FORMAT = /^[a-z][a-z0-9-]{0,49}$/;

export const PROVIDER_ID_RULE =
  "a provider id must be 1 to 50 lowercase letters, digits or '-', starting with a letter";

/** Refuses a malformed provider id in a path with a 400 naming `id`, before any query runs. */
@Injectable()
export class ProviderIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!PROVIDER_ID_FORMAT.test(value)) throw invalidRequest(`${PROVIDER_ID_RULE}.`, 'id');
    return value;
  }
}
