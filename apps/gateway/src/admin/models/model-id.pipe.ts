import { Injectable, type PipeTransform } from '@nestjs/common';
import { invalidRequest } from '@app/errors';
import { MODEL_ID_FORMAT, MODEL_ID_RULE } from './model-id';

/** Refuses a malformed model id in a path with a 400 naming `id`, before any query runs. */
@Injectable()
export class ModelIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!MODEL_ID_FORMAT.test(value)) throw invalidRequest(`${MODEL_ID_RULE}.`, 'id');
    return value;
  }
}
