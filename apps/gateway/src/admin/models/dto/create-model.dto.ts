import { IsOptional } from 'class-validator';
import {
  CapabilitiesField,
  DescriptionField,
  DisplayNameField,
  MakerField,
  MaxOutputTokensField,
  ModalityField,
  ModelIdField,
  UpstreamModelField,
  UpstreamProviderField,
  EndpointsField,
  type EndpointInput,
} from './model-field.validators';

/** `POST /admin/models`: a new catalogue entry. It is active, and offered once it has a price. */
export class CreateModelDto {
  @ModelIdField()
  id!: string;

  @DisplayNameField()
  display_name!: string;

  @MakerField()
  maker!: string;

  @DescriptionField()
  description!: string;

  @ModalityField()
  modality!: string;

  @CapabilitiesField()
  capabilities!: string[];

  /** Where it is served from, in preference order. Or, for one endpoint, the two fields below. */
  @IsOptional()
  @EndpointsField()
  endpoints?: EndpointInput[];

  /** Shorthand for `endpoints: [{provider, upstream_model}]`. */
  @IsOptional()
  @UpstreamProviderField()
  upstream_provider?: string;

  @IsOptional()
  @UpstreamModelField()
  upstream_model?: string;

  /** What a spend hold assumes when a request sets no max_tokens; the column default when absent. */
  @IsOptional()
  @MaxOutputTokensField()
  default_max_output_tokens?: number | null;
}
