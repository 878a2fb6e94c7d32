import { Body, Controller, Delete, Get, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { AllowScopes } from '../auth/allow-scopes.decorator';
import { ApiKeyGuard } from '../auth/api-key.guard';
import type { AuthenticatedKey } from '../auth/authenticated-key';
import { CurrentKey } from '../auth/current-key.decorator';
import { CreateCustomerKeyDto } from './dto/create-customer-key.dto';
import { UpdateCustomerKeyDto } from './dto/update-customer-key.dto';
import { KeysService } from './keys.service';

/** The account's keys: management keys only. */
@Controller('v1/keys')
@UseGuards(ApiKeyGuard)
@AllowScopes('management')
export class KeysController {
  constructor(private readonly keys: KeysService) {}

  @Get()
  list(@CurrentKey() caller: AuthenticatedKey) {
    return this.keys.list(caller.accountId);
  }

  @Post()
  create(@CurrentKey() caller: AuthenticatedKey, @Body() dto: CreateCustomerKeyDto) {
    return this.keys.create(caller.accountId, dto);
  }

  @Patch(':id')
  update(
    @CurrentKey() caller: AuthenticatedKey,
    @Param('id') id: string,
    @Body() dto: UpdateCustomerKeyDto,
  ) {
    return this.keys.update(caller.accountId, id, dto);
  }

  @Delete(':id')
  revoke(@CurrentKey() caller: AuthenticatedKey, @Param('id') id: string) {
    return this.keys.revoke(caller.accountId, id);
  }
}
