import { Inject, Injectable } from '@nestjs/common';
import {
  type AnthropicModelInfo,
  type AnthropicModelList,
  type AnthropicPage,
  anthropicModelInfo,
  anthropicModelList,
  type CatalogueEntry,
  type ModelListEntry,
  modelListEntry,
  type PageOptions,
  renderCatalogueHtml,
  renderCatalogueMarkdown,
  renderModelPageHtml,
  renderModelPageMarkdown,
} from '@app/catalogue';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { CatalogueRepository } from '@app/database';
import { DomainError, ErrorCode } from '@app/errors';
import { toCatalogueEntry } from './catalogue-entry.mapper';

/** The OpenAI list shape of `GET /v1/models`. */
export interface ModelList {
  object: 'list';
  data: ModelListEntry[];
}

/**
 * The public catalogue: the models customers can call, at the price in effect now.
 *
 * Every answer is built from the database on the request it serves, never from a cache, so
 * a price the operator just added shows at once on every gateway, and a price scheduled for
 * later shows from the instant it takes effect. The catalogue is a few dozen rows.
 */
@Injectable()
export class CatalogueService {
  private readonly pageOptions: PageOptions;

  constructor(
    private readonly catalogue: CatalogueRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.pageOptions = { baseUrl: config.gateway.publicBaseUrl };
  }

  async listModels(): Promise<ModelList> {
    return { object: 'list', data: (await this.entries()).map(modelListEntry) };
  }

  async getModel(id: string): Promise<ModelListEntry> {
    return modelListEntry(this.find(await this.entries(), id));
  }

  /** The list in Anthropic's shape, for clients that send `anthropic-version`. */
  async listAnthropicModels(page: AnthropicPage): Promise<AnthropicModelList> {
    return anthropicModelList(await this.entries(), page);
  }

  async getAnthropicModel(id: string): Promise<AnthropicModelInfo> {
    return anthropicModelInfo(this.find(await this.entries(), id));
  }

  async catalogueMarkdown(): Promise<string> {
    return renderCatalogueMarkdown(await this.entries(), this.pageOptions);
  }

  async catalogueHtml(): Promise<string> {
    return renderCatalogueHtml(await this.entries(), this.pageOptions);
  }

  async modelMarkdown(id: string): Promise<string> {
    const entries = await this.entries();
    return renderModelPageMarkdown(this.find(entries, id), entries, this.pageOptions);
  }

  async modelHtml(id: string): Promise<string> {
    const entries = await this.entries();
    return renderModelPageHtml(this.find(entries, id), entries, this.pageOptions);
  }

  /**
   * Active models with a price in effect now. A model without one is left out: it cannot
   * be called yet (the gateway refuses to serve an unpriced model), so it is not offered.
   */
  private async entries(): Promise<CatalogueEntry[]> {
    const rows = await this.catalogue.listWithPriceAt(new Date(), { activeOnly: true });
    return rows.flatMap((row) => (row.price === null ? [] : [toCatalogueEntry(row, row.price)]));
  }

  private find(entries: readonly CatalogueEntry[], id: string): CatalogueEntry {
    const entry = entries.find((candidate) => candidate.model.id === id);
    if (entry === undefined) {
      // Retired, unpriced and unknown models read alike: none of them can be called.
      throw new DomainError(ErrorCode.ModelNotFound, `The model '${id}' does not exist.`);
    }
    return entry;
  }
}
