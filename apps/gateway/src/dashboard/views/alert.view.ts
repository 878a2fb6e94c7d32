import { usd } from './format';
import { html, type SafeHtml } from './html';
import { csrfField } from './layout.view';
import type { AlertView } from './view-models';

/** The low-balance alert: its threshold (a management key may change it) and where it goes. */
export function alertSection(alert: AlertView, canManage: boolean, csrfToken: string): SafeHtml {
  return html`<section id="alert" class="card">
    <h2>Low-balance alert</h2>
    <dl class="details">
      <dt>Threshold</dt>
      <dd data-testid="alert-threshold">
        ${alert.threshold === null ? 'off' : usd(alert.threshold)}
      </dd>
      <dt>Webhook</dt>
      <dd>${alert.webhook_url ?? 'none: ask your operator to set one'}</dd>
      <dt>State</dt>
      <dd>${alert.alerted ? 'sent for the current crossing; a top-up re-arms it' : 'armed'}</dd>
    </dl>
    <p class="hint">
      When the balance falls below the threshold, one signed webhook is sent per crossing.
    </p>
    ${
      canManage
        ? html`<form method="post" action="/dashboard/alert" class="row">
            ${csrfField(csrfToken)}
            <label
              >Threshold (USD)
              <input
                name="low_balance_threshold"
                inputmode="decimal"
                pattern="\\d{1,20}(\\.\\d{1,18})?"
                value="${alert.threshold ?? ''}"
                placeholder="off"
            /></label>
            <button type="submit">Save</button>
          </form>`
        : html`<p class="hint">Sign in with a management key to change it.</p>`
    }
  </section>`;
}
