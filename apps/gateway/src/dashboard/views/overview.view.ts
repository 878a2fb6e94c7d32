import { alertSection } from './alert.view';
import { usd } from './format';
import { html, jsonForScript, type SafeHtml } from './html';
import { keysSection } from './keys.view';
import { layout } from './layout.view';
import { ledgerTable } from './ledger.view';
import { requestsTable } from './requests.view';
import type { ChartData } from './spend-chart';
import type { Overview } from './view-models';

/** The signed-in page: balance, spend charts, requests, keys, ledger, CSV and the alert. */
export function overviewPage(model: Overview): string {
  const { account } = model;
  return layout(
    {
      title: 'Dashboard',
      signedIn: { accountName: account.name, csrfToken: model.csrfToken },
      charts: true,
    },
    html`<section class="cards" aria-label="Balance">
        <div class="card stat">
          <h2>Balance</h2>
          <p class="figure" data-testid="balance">${usd(account.balance)}</p>
        </div>
        <div class="card stat">
          <h2>Available</h2>
          <p class="figure" data-testid="available">${usd(account.available)}</p>
          <p class="hint">Balance less requests in flight</p>
        </div>
        <div class="card stat">
          <h2>Last 30 days</h2>
          <p class="figure" data-testid="spent-30d">${usd(model.spendByModel.total)}</p>
        </div>
        <div class="card stat">
          <h2>Spent in total</h2>
          <p class="figure">${usd(account.spent_total)}</p>
        </div>
      </section>
      <section id="spend" class="card">
        <h2>Spend per day, last 30 days (UTC)</h2>
        <div class="charts">
          ${chart('spend-by-model', 'By model', model.spendByModel)}
          ${chart('spend-by-key', 'By key', model.spendByKey)}
        </div>
        ${usageDownloads()}
      </section>
      <section id="requests" class="card">
        <h2>Recent requests</h2>
        ${requestsTable(model.requests, model.keyLabel, '/dashboard/requests')}
      </section>
      ${keysSection(model.keys, model.csrfToken)}
      <section id="ledger" class="card">
        <h2>Ledger</h2>
        ${ledgerTable(model.ledger, '/dashboard/ledger')}
      </section>
      ${alertSection(model.alert, model.canManage, model.csrfToken)}`,
  );
}

/**
 * A chart is a canvas that dashboard.js draws from the JSON beside it; the same figures,
 * exact, are in a table under it for whoever has no JavaScript (or a screen reader).
 */
function chart(id: string, title: string, data: ChartData): SafeHtml {
  const days = data.days
    .map((day, i) => ({ day, total: data.totals[i] }))
    .filter((row) => row.total !== '0')
    .reverse();
  return html`<figure class="chart">
    <figcaption>${title}</figcaption>
    ${
      data.series.length === 0
        ? html`<p class="empty">No spend in the last 30 days.</p>`
        : html`<div class="canvas-box">
              <canvas data-chart="${id}" role="img" aria-label="${title}: spend per day"></canvas>
            </div>
            <script type="application/json" id="${id}">
              ${jsonForScript(data)}
            </script>
            <details>
              <summary>Figures</summary>
              <div class="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th>Day</th>
                      ${data.series.map((s) => html`<th>${s.label}</th>`)}
                      <th>Total (USD)</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${days.map(
                      ({ day, total }) =>
                        html`<tr>
                          <td>${day}</td>
                          ${data.series.map((s) => html`<td class="num">${s.exact[data.days.indexOf(day)]}</td>`)}
                          <td class="num">${total}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </div>
            </details>`
    }
  </figure>`;
}

function usageDownloads(): SafeHtml {
  return html`<div class="downloads">
    <h3>Usage as CSV</h3>
    <p>
      Last 30 days: <a href="/dashboard/usage.csv?group_by=model" download>by model</a> ·
      <a href="/dashboard/usage.csv?group_by=key" download>by key</a> ·
      <a href="/dashboard/usage.csv?group_by=day" download>by day</a>
    </p>
    <form method="get" action="/dashboard/usage.csv" class="row">
      <label>From <input type="date" name="start" required /></label>
      <label>Until (not included) <input type="date" name="end" required /></label>
      <label
        >By
        <select name="group_by">
          <option value="model">model</option>
          <option value="key">key</option>
          <option value="day">day</option>
        </select></label
      >
      <button type="submit">Download</button>
    </form>
  </div>`;
}
