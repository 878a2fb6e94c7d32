import { Body, Controller, Get, Param, Put, UseGuards } from '@nestjs/common';
import { AdminTokenGuard } from '../../auth/admin-token.guard';
import { AdminProvidersService } from './admin-providers.service';
import { PutProviderDto } from './dto/put-provider.dto';
import { ProviderIdPipe } from './provider-id';

@Controller('admin/providers')
@UseGuards(AdminTokenGuard)
export class AdminProvidersController {
  constructor(private readonly providers: AdminProvidersService) {}

  @Get()
  list() {
    return this.providers.list();
  }

  @Put(':id')
  put(@Param('id', ProviderIdPipe) id: string, @Body() dto: PutProviderDto) {
    return this.providers.put(id, dto);
  }
}
