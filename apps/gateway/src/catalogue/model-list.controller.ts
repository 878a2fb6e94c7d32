import { Controller, Get, Headers, Param, Query } from '@nestjs/common';
import { ANTHROPIC_DEFAULT_LIMIT, ANTHROPIC_MAX_LIMIT, type AnthropicPage } from '@app/catalogue';
import { invalidRequest } from '@app/errors';
import { CatalogueService } from './catalogue.service';

/**
 * The models endpoints, public: the price list is no secret. Anthropic's SDKs and Claude
 * Code send `anthropic-version` on every request and read Anthropic's shape (`type`,
 * `display_name`, `created_at`, paginated with `limit`, `after_id`, `before_id`); everyone
 * else gets OpenAI's list, with each model's pricing.
 */
@Controller('v1/models')
export class ModelListController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Get()
  list(
    @Headers('anthropic-version') anthropicVersion: string | undefined,
    @Query() query: Record<string, unknown>,
  ) {
    if (anthropicVersion === undefined) return this.catalogue.listModels();
    return this.catalogue.listAnthropicModels(anthropicPage(query));
  }

  @Get(':id')
  get(@Param('id') id: string, @Headers('anthropic-version') anthropicVersion?: string) {
    return anthropicVersion === undefined
      ? this.catalogue.getModel(id)
      : this.catalogue.getAnthropicModel(id);
  }
}

function anthropicPage(query: Record<string, unknown>): AnthropicPage {
  const { limit, after_id: afterId, before_id: beforeId } = query;
  const page: AnthropicPage = { limit: ANTHROPIC_DEFAULT_LIMIT };
  if (limit !== undefined) {
    const value = typeof limit === 'string' && /^\d+$/.test(limit) ? Number(limit) : NaN;
    if (!(value >= 1 && value <= ANTHROPIC_MAX_LIMIT)) {
      throw invalidRequest(
        `\`limit\` must be an integer from 1 to ${ANTHROPIC_MAX_LIMIT}.`,
        'limit',
      );
    }
    page.limit = value;
  }
  if (typeof afterId === 'string' && afterId !== '') page.afterId = afterId;
  if (typeof beforeId === 'string' && beforeId !== '') page.beforeId = beforeId;
  return page;
}
