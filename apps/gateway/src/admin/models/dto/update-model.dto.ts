import type { Model } from '@app/database';
import {
  CapabilitiesField,
  DescriptionField,
  DisplayNameField,
  MakerField,
  MaxOutputTokensField,
  ModalityField,
  Omittable,
  StatusField,
  UpstreamModelField,
  UpstreamProviderField,
  EndpointsField,
  type EndpointInput,
} from './model-field.validators';

/**
 * `PUT /admin/models/:id`: the fields to change; absent ones stay as they are. The id is
 * not among them: usage records and prices point at it. `status: 'retired'` withdraws the
 * model from sale (its history stays); `'active'` offers it again.
 */
export class UpdateModelDto {
  @Omittable()
  @DisplayNameField()
  display_name?: string;

  @Omittable()
  @MakerField()
  maker?: string;

  @Omittable()
  @DescriptionField()
  description?: string;

  @Omittable()
  @ModalityField()
  modality?: string;

  @Omittable()
  @CapabilitiesField()
  capabilities?: string[];

  /** Replaces the model's endpoints (preference order). */
  @Omittable()
  @EndpointsField()
  endpoints?: EndpointInput[];

  /** With `upstream_model`: shorthand for one endpoint. */
  @Omittable()
  @UpstreamProviderField()
  upstream_provider?: string;

  @Omittable()
  @UpstreamModelField()
  upstream_model?: string;

  @Omittable()
  @MaxOutputTokensField()
  default_max_output_tokens?: number;

  @Omittable()
  @StatusField()
  status?: Model['status'];
}
