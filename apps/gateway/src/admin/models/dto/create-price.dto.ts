import { IsOptional } from 'class-validator';
import { UpstreamProviderField } from './model-field.validators';
import { IsInstant, IsPriceRate } from './price-field.validators';

/**
 * `POST /admin/models/:id/prices`: a new price, appended; prices are never edited. Rates are
 * US dollars per million tokens, as decimal strings.
 */
export class CreatePriceDto {
  /** Whose price this is. Absent or null: the provider of the model's first endpoint. */
  @IsOptional()
  @UpstreamProviderField()
  provider?: string | null;

  @IsPriceRate()
  input_per_million!: string;

  @IsPriceRate()
  output_per_million!: string;

  /** Absent or null: cached input tokens cost as much as other input tokens. */
  @IsOptional()
  @IsPriceRate()
  cached_input_per_million?: string | null;

  /** Absent or null: input tokens written to the provider's cache cost as much as other input. */
  @IsOptional()
  @IsPriceRate()
  cache_write_input_per_million?: string | null;

  /** Absent or null: now. See AdminPricesService for which instants are refused. */
  @IsOptional()
  @IsInstant()
  effective_from?: string | null;
}
