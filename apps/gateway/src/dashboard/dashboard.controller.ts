import { Controller, Get, Param, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { AccountsService } from '../accounts/accounts.service';
import { LedgerQueryDto } from '../accounts/dto/ledger-query.dto';
import { UsageQueryDto } from '../accounts/dto/usage-query.dto';
import { GenerationsService } from '../accounts/generations.service';
import { LedgerService } from '../accounts/ledger.service';
import { usageCsv } from '../accounts/usage-csv';
import { UsageService } from '../accounts/usage.service';
import { DashboardExceptionFilter } from './dashboard-exception.filter';
import { dtoFromForm } from './dashboard-form';
import { DashboardPageService } from './dashboard-page.service';
import type { DashboardRequest, SignedIn as SignedInContext } from './dashboard-request';
import { DashboardSessionGuard } from './dashboard-session.guard';
import { SignedIn } from './signed-in.decorator';
import { ledgerPage } from './views/ledger.view';
import { overviewPage } from './views/overview.view';
import { generationPage, requestsPage } from './views/requests.view';
import { signInPage } from './views/sign-in.view';

const header = (signedIn: SignedInContext, accountName: string) => ({
  accountName,
  csrfToken: signedIn.session.csrfToken,
});

/** The dashboard's pages. Each reads through the accounts services, for the session's account only. */
@Controller('dashboard')
@UseFilters(DashboardExceptionFilter)
export class DashboardController {
  constructor(
    private readonly guard: DashboardSessionGuard,
    private readonly pages: DashboardPageService,
    private readonly accounts: AccountsService,
    private readonly generations: GenerationsService,
    private readonly ledger: LedgerService,
    private readonly usage: UsageService,
  ) {}

  /** Signed in: the overview. Not: the sign-in form, and nothing else. */
  @Get()
  async home(@Req() request: DashboardRequest, @Res({ passthrough: true }) response: Response) {
    const signedIn = await this.guard.resolve(request);
    response.type('html');
    return signedIn ? overviewPage(await this.pages.overview(signedIn)) : signInPage();
  }

  @Get('requests')
  @UseGuards(DashboardSessionGuard)
  async requests(
    @SignedIn() signedIn: SignedInContext,
    @Query('cursor') cursor: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const accountId = signedIn.key.accountId;
    const [page, account, keyLabel] = await Promise.all([
      this.generations.page(accountId, { cursor }),
      this.accounts.getAccount(accountId),
      this.pages.keyLabeller(signedIn),
    ]);
    response.type('html');
    return requestsPage(page, keyLabel, header(signedIn, account.name));
  }

  /** Another account's request is "not found", exactly like an unknown one. */
  @Get('generations/:id')
  @UseGuards(DashboardSessionGuard)
  async generation(
    @SignedIn() signedIn: SignedInContext,
    @Param('id') id: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    const accountId = signedIn.key.accountId;
    const [generation, account, keyLabel] = await Promise.all([
      this.accounts.getGeneration(accountId, id),
      this.accounts.getAccount(accountId),
      this.pages.keyLabeller(signedIn),
    ]);
    response.type('html');
    return generationPage(generation, keyLabel, header(signedIn, account.name));
  }

  @Get('ledger')
  @UseGuards(DashboardSessionGuard)
  async ledgerPage(
    @SignedIn() signedIn: SignedInContext,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) response: Response,
  ) {
    const accountId = signedIn.key.accountId;
    const [page, account] = await Promise.all([
      this.ledger.page(accountId, dtoFromForm(LedgerQueryDto, query)),
      this.accounts.getAccount(accountId),
    ]);
    response.type('html');
    return ledgerPage(page, header(signedIn, account.name), account.balance);
  }

  /** The same CSV as `GET /v1/usage?format=csv`, downloaded with the session. */
  @Get('usage.csv')
  @UseGuards(DashboardSessionGuard)
  async usageCsv(
    @SignedIn() signedIn: SignedInContext,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) response: Response,
  ) {
    const dto = dtoFromForm(UsageQueryDto, { ...query, format: 'csv' });
    const report = await this.usage.report(signedIn.key.accountId, dto);
    response.setHeader('content-type', 'text/csv; charset=utf-8');
    response.setHeader(
      'content-disposition',
      `attachment; filename="usage-${report.group_by}.csv"`,
    );
    return usageCsv(report);
  }
}
