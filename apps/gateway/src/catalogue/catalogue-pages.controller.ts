import { Controller, Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CatalogueService } from './catalogue.service';
import { asHtml, asMarkdown } from './page-response';

/**
 * The public pricing pages, markdown for agents and HTML for people.
 *
 * Order matters: `models/:id.md` must be declared before `models/:id`, which would
 * otherwise take `x.md` as the id of the HTML page. Model ids may hold dots
 * (`foo-1.5.md` is the markdown page of `foo-1.5`); ids ending in `.md` are refused when
 * a model is created, so no page is ambiguous.
 */
@Controller()
export class CataloguePagesController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Get('models.md')
  async catalogueMarkdown(@Res({ passthrough: true }) response: Response): Promise<string> {
    return asMarkdown(response, await this.catalogue.catalogueMarkdown());
  }

  @Get('models/:id.md')
  async modelMarkdown(
    @Param('id') id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    return asMarkdown(response, await this.catalogue.modelMarkdown(id));
  }

  @Get('models')
  async catalogueHtml(@Res({ passthrough: true }) response: Response): Promise<string> {
    return asHtml(response, await this.catalogue.catalogueHtml());
  }

  @Get('models/:id')
  async modelHtml(
    @Param('id') id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    return asHtml(response, await this.catalogue.modelHtml(id));
  }
}
