import { Module } from '@nestjs/common';
import { CataloguePagesController } from './catalogue-pages.controller';
import { CatalogueService } from './catalogue.service';
import { ModelListController } from './model-list.controller';

/** The public catalogue: /v1/models, /models.md, /models/:id.md and their HTML twins. */
@Module({
  controllers: [ModelListController, CataloguePagesController],
  providers: [CatalogueService],
})
export class CatalogueModule {}
