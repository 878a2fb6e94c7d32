import { Module } from '@nestjs/common';

/** The public catalogue: /v1/models, /models.md, /models/:id.md and their HTML twins. */
@Module({})
export class CatalogueModule {}
