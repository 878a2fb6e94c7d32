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
  UPSTREAM_PROVIDERS,
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

  @UpstreamProviderField()
  upstream_provider!: (typeof UPSTREAM_PROVIDERS)[number];

  @UpstreamModelField()
  upstream_model!: string;

  /** What a spend hold assumes when a request sets no max_tokens; the column default when absent. */
  @IsOptional()
  @MaxOutputTokensField()
  default_max_output_tokens?: number | null;
}
