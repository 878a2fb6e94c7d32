import {
  Body,
  Controller,
  Get,
  Headers,
  Param,
  Patch,
  Post,
  Query,
  Res,
  UseGuards,
} from '@nestjs/common';
import type { Response } from 'express';
import { AdminTokenGuard } from '../auth/admin-token.guard';
import { AdminAccountsService } from './admin-accounts.service';
import { CreditsService } from './credits.service';
import { CreateAccountDto } from './dto/create-account.dto';
import { CreateCreditDto } from './dto/create-credit.dto';
import { CreateKeyDto } from './dto/create-key.dto';
import { ListAccountsQueryDto } from './dto/list-accounts.query.dto';
import { UpdateAccountDto } from './dto/update-account.dto';

@Controller('admin/accounts')
@UseGuards(AdminTokenGuard)
export class AdminAccountsController {
  constructor(
    private readonly accounts: AdminAccountsService,
    private readonly credits: CreditsService,
  ) {}

  @Post()
  create(@Body() dto: CreateAccountDto) {
    return this.accounts.create(dto);
  }

  @Get()
  list(@Query() query: ListAccountsQueryDto) {
    return this.accounts.list(query);
  }

  @Get(':id')
  get(@Param('id') id: string) {
    return this.accounts.get(id);
  }

  @Patch(':id')
  update(@Param('id') id: string, @Body() dto: UpdateAccountDto) {
    return this.accounts.update(id, dto);
  }

  @Post(':id/keys')
  createKey(@Param('id') id: string, @Body() dto: CreateKeyDto) {
    return this.accounts.createKey(id, dto);
  }

  @Post(':id/credits')
  async credit(
    @Param('id') id: string,
    @Body() dto: CreateCreditDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.credits.topUp(id, dto, idempotencyKey);
    response.status(result.status);
    if (result.replayed) response.setHeader('idempotent-replayed', 'true');
    return result.body;
  }
}
