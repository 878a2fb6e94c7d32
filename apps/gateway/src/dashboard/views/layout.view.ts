import { html, type SafeHtml } from './html';

export interface LayoutOptions {
  title: string;
  /** Present when signed in: the header then shows the account and a sign-out button. */
  signedIn?: { accountName: string; csrfToken: string };
  /** The chart scripts: only the overview draws charts. */
  charts?: boolean;
}

/** The hidden field every form of a session carries (the synchronizer token). */
export function csrfField(token: string): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${token}" />`;
}

/**
 * A whole page. Styles and scripts are files served by the gateway (the Content-Security-
 * Policy allows nothing inline), and nothing but the charts needs the scripts.
 */
export function layout(options: LayoutOptions, body: SafeHtml): string {
  const signedIn = options.signedIn;
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${options.title} · KeepRouter</title>
        <link rel="stylesheet" href="/dashboard/assets/dashboard.css" />
        ${
          options.charts &&
          html`<script src="/dashboard/assets/chart.umd.min.js" defer></script>
            <script src="/dashboard/assets/dashboard.js" defer></script>`
        }
      </head>
      <body>
        <header class="top">
          <a class="brand" href="/dashboard">KeepRouter</a>
          ${
            signedIn &&
            html`<nav>
                <a href="/dashboard#spend">Spend</a><a href="/dashboard#requests">Requests</a
                ><a href="/dashboard#keys">Keys</a><a href="/dashboard#ledger">Ledger</a
                ><a href="/dashboard#alert">Alert</a>
              </nav>
              <div class="who">
                <span>${signedIn.accountName}</span>
                <form method="post" action="/dashboard/session/delete">
                  ${csrfField(signedIn.csrfToken)}<button type="submit" class="link">
                    Sign out
                  </button>
                </form>
              </div>`
          }
        </header>
        <main>${body}</main>
      </body>
    </html> `.value;
}
