import { Body, Controller, Get, Param, Post, Put, UseGuards } from '@nestjs/common';
import { AdminTokenGuard } from '../../auth/admin-token.guard';
import { AdminModelsService } from './admin-models.service';
import { CreateModelDto } from './dto/create-model.dto';
import { UpdateModelDto } from './dto/update-model.dto';
import { ModelIdPipe } from './model-id.pipe';

@Controller('admin/models')
@UseGuards(AdminTokenGuard)
export class AdminModelsController {
  constructor(private readonly models: AdminModelsService) {}

  @Get()
  list() {
    return this.models.list();
  }

  @Get(':id')
  get(@Param('id', ModelIdPipe) id: string) {
    return this.models.get(id);
  }

  @Post()
  create(@Body() dto: CreateModelDto) {
    return this.models.create(dto);
  }

  @Put(':id')
  update(@Param('id', ModelIdPipe) id: string, @Body() dto: UpdateModelDto) {
    return this.models.update(id, dto);
  }
}
