import { Controller, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, ErrorCode } from '@app/errors';
import { AccountsService } from '../accounts/accounts.service';
import { CreateCustomerKeyDto } from '../accounts/dto/create-customer-key.dto';
import { LowBalanceAlertDto } from '../accounts/dto/low-balance-alert.dto';
import { UpdateCustomerKeyDto } from '../accounts/dto/update-customer-key.dto';
import { KeysService } from '../accounts/keys.service';
import { DashboardExceptionFilter } from './dashboard-exception.filter';
import { dtoFromForm, pickFields } from './dashboard-form';
import type { DashboardRequest, SignedIn as SignedInContext } from './dashboard-request';
import { DashboardSessionGuard } from './dashboard-session.guard';
import { SignedIn } from './signed-in.decorator';
import { keyCreatedPage } from './views/keys.view';

/** As in the API, only a management key changes keys and settings. */
function assertManagement(signedIn: SignedInContext): void {
  if (signedIn.key.scope !== 'management') {
    throw new DomainError(
      ErrorCode.PermissionDenied,
      'Sign in with a management key to change keys or settings.',
    );
  }
}

const LIMIT_FIELDS = {
  spend_limit: 'amount',
  spend_limit_period: 'choice',
  requests_per_minute: 'integer',
  tokens_per_minute: 'integer',
} as const;
const KEY_FIELDS = { name: 'text', scope: 'text', ...LIMIT_FIELDS } as const;
const KEY_CHANGE_FIELDS = { name: 'text', disabled: 'boolean', ...LIMIT_FIELDS } as const;

/**
 * The dashboard's forms that change things: keys and the low-balance alert. Each goes
 * through KeysService / AccountsService with the API's own DTO rules, then redirects back
 * (post/redirect/get), except key creation, whose answer is the one page with the plaintext.
 */
@Controller('dashboard')
@UseFilters(DashboardExceptionFilter)
@UseGuards(DashboardSessionGuard)
export class DashboardKeysController {
  constructor(
    private readonly keys: KeysService,
    private readonly accounts: AccountsService,
  ) {}

  @Post('keys')
  async create(
    @SignedIn() signedIn: SignedInContext,
    @Req() request: DashboardRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    assertManagement(signedIn);
    const fields = pickFields(request, KEY_FIELDS);
    for (const name of Object.keys(LIMIT_FIELDS)) if (fields[name] === null) delete fields[name];
    const dto = dtoFromForm(CreateCustomerKeyDto, fields);
    const [created, account] = await Promise.all([
      this.keys.create(signedIn.key.accountId, dto),
      this.accounts.getAccount(signedIn.key.accountId),
    ]);
    response.status(200).type('html');
    return keyCreatedPage(created, {
      accountName: account.name,
      csrfToken: signedIn.session.csrfToken,
    });
  }

  @Post('keys/:id')
  async update(
    @SignedIn() signedIn: SignedInContext,
    @Param('id') id: string,
    @Req() request: DashboardRequest,
    @Res() response: Response,
  ): Promise<void> {
    assertManagement(signedIn);
    const dto = dtoFromForm(UpdateCustomerKeyDto, pickFields(request, KEY_CHANGE_FIELDS));
    await this.keys.update(signedIn.key.accountId, id, dto);
    response.redirect(303, '/dashboard#keys');
  }

  @Post('keys/:id/revoke')
  async revoke(
    @SignedIn() signedIn: SignedInContext,
    @Param('id') id: string,
    @Res() response: Response,
  ): Promise<void> {
    assertManagement(signedIn);
    await this.keys.revoke(signedIn.key.accountId, id);
    response.redirect(303, '/dashboard#keys');
  }

  @Post('alert')
  async setAlert(
    @SignedIn() signedIn: SignedInContext,
    @Req() request: DashboardRequest,
    @Res() response: Response,
  ): Promise<void> {
    assertManagement(signedIn);
    const fields = pickFields(request, { low_balance_threshold: 'amount' });
    const dto = dtoFromForm(LowBalanceAlertDto, { low_balance_threshold: null, ...fields });
    await this.accounts.setLowBalanceThreshold(signedIn.key.accountId, signedIn.key.keyId, dto);
    response.redirect(303, '/dashboard#alert');
  }
}
