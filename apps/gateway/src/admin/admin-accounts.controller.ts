import { Body, Controller, Get, Headers, Param, Post, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { AdminTokenGuard } from '../auth/admin-token.guard';
import { AdminAccountsService } from './admin-accounts.service';
import { CreditsService } from './credits.service';
import { CreateAccountDto } from './dto/create-account.dto';
import { CreateCreditDto } from './dto/create-credit.dto';
import { CreateKeyDto } from './dto/create-key.dto';

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

  @Get(':id')
  get(@Param('id') id: string) {
    return this.accounts.get(id);
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
