import { Body, Controller, Get, Param, Post, UseGuards } from '@nestjs/common';
import { AdminTokenGuard } from '../../auth/admin-token.guard';
import { AdminPricesService } from './admin-prices.service';
import { CreatePriceDto } from './dto/create-price.dto';
import { ModelIdPipe } from './model-id.pipe';

@Controller('admin/models/:id/prices')
@UseGuards(AdminTokenGuard)
export class AdminPricesController {
  constructor(private readonly prices: AdminPricesService) {}

  @Get()
  list(@Param('id', ModelIdPipe) id: string) {
    return this.prices.list(id);
  }

  @Post()
  create(@Param('id', ModelIdPipe) id: string, @Body() dto: CreatePriceDto) {
    return this.prices.create(id, dto);
  }
}
