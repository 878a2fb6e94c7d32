/** No session, an expired one, or one whose key no longer passes: the sign-in page answers. */
export class SignInRequired extends Error {
  constructor(readonly reason?: string) {
    super('Sign in to see this page.');
    this.name = 'SignInRequired';
  }
}

/** A form post from another site, or without this session's token. */
export class CrossSiteRequestRefused extends Error {
  constructor() {
    super(
      'This form post did not come from the dashboard, so it was refused. Reload the page and try again.',
    );
    this.name = 'CrossSiteRequestRefused';
  }
}
