import { Controller, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { clearedSessionCookie, readSessionCookie, sessionCookie } from './dashboard-cookie';
import { CrossSiteRequestRefused } from './dashboard.errors';
import { DashboardExceptionFilter } from './dashboard-exception.filter';
import {
  type DashboardRequest,
  formField,
  type SignedIn as SignedInContext,
} from './dashboard-request';
import { DashboardSessionGuard } from './dashboard-session.guard';
import { DashboardSignInService } from './dashboard-sign-in.service';
import { isHttps, isSameOriginPost } from './same-origin';
import { SignedIn } from './signed-in.decorator';

/** Sign in (form field `key`) and sign out; both answer 303 to the dashboard. */
@Controller('dashboard/session')
@UseFilters(DashboardExceptionFilter)
export class DashboardSessionController {
  constructor(private readonly signIn: DashboardSignInService) {}

  @Post()
  async create(@Req() request: DashboardRequest, @Res() response: Response): Promise<void> {
    // Before any session exists, the origin check is the cross-site protection.
    if (!isSameOriginPost(request.headers)) throw new CrossSiteRequestRefused();
    const session = await this.signIn.signIn(
      formField(request, 'key'),
      readSessionCookie(request.headers.cookie),
    );
    response.setHeader(
      'set-cookie',
      sessionCookie(session.id, isHttps(request.secure, request.headers)),
    );
    response.redirect(303, '/dashboard');
  }

  @Post('delete')
  @UseGuards(DashboardSessionGuard)
  async delete(
    @Req() request: DashboardRequest,
    @SignedIn() signedIn: SignedInContext,
    @Res() response: Response,
  ): Promise<void> {
    await this.signIn.signOut(signedIn.session.id);
    response.setHeader(
      'set-cookie',
      clearedSessionCookie(isHttps(request.secure, request.headers)),
    );
    response.redirect(303, '/dashboard');
  }
}
