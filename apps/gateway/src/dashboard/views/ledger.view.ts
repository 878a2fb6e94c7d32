import { usd, when } from './format';
import { html, type SafeHtml } from './html';
import { layout } from './layout.view';
import type { LedgerEntryView, Page } from './view-models';

const KIND_LABELS: Record<string, string> = {
  credit: 'Top-up',
  adjustment: 'Adjustment',
  usage: 'Usage',
};

/** Credits and debits, newest first, with the balance after each. */
export function ledgerTable(page: Page<LedgerEntryView>, pagePath: string): SafeHtml {
  if (page.data.length === 0) return html`<p class="empty">No entries yet.</p>`;
  return html`<div class="table-wrap">
      <table class="ledger">
        <thead>
          <tr>
            <th>Time</th>
            <th>Kind</th>
            <th class="num">Amount (USD)</th>
            <th class="num">Balance after (USD)</th>
            <th>Detail</th>
          </tr>
        </thead>
        <tbody>
          ${page.data.map(
            (entry) =>
              html`<tr>
                <td>${when(entry.created_at)}</td>
                <td>${KIND_LABELS[entry.kind] ?? entry.kind}</td>
                <td class="num ${entry.amount.startsWith('-') ? 'debit' : 'credit'}">
                  ${entry.amount}
                </td>
                <td class="num">${entry.balance_after}</td>
                <td>
                  ${
                    entry.usage_record_id
                      ? html`<a href="/dashboard/generations/${entry.usage_record_id}">request</a>`
                      : entry.note
                  }
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    ${page.next_cursor && html`<p class="more"><a href="${pagePath}?cursor=${page.next_cursor}">Older entries →</a></p>`}`;
}

/** The whole ledger, a page at a time. */
export function ledgerPage(
  page: Page<LedgerEntryView>,
  signedIn: { accountName: string; csrfToken: string },
  balance: string,
): string {
  return layout(
    { title: 'Ledger', signedIn },
    html`<section class="card">
      <h1>Ledger</h1>
      <p>Balance now: <strong>${usd(balance)}</strong></p>
      ${ledgerTable(page, '/dashboard/ledger')}
    </section>`,
  );
}
