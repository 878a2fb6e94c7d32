import { Controller, Get, Param } from '@nestjs/common';
import { CatalogueService } from './catalogue.service';

/** OpenAI's models endpoints, public: the price list is no secret. */
@Controller('v1/models')
export class ModelListController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Get()
  list() {
    return this.catalogue.listModels();
  }

  @Get(':id')
  get(@Param('id') id: string) {
    return this.catalogue.getModel(id);
  }
}
