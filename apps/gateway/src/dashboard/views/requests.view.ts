import { count, usd, when } from './format';
import { html, type SafeHtml } from './html';
import { layout } from './layout.view';
import type { GenerationSummaryView, GenerationView, Page } from './view-models';

/** The requests, newest first; each links to its details; an "older" link pages on. */
export function requestsTable(
  page: Page<GenerationSummaryView>,
  keyLabel: (keyId: string) => string,
  pagePath: string,
): SafeHtml {
  if (page.data.length === 0) return html`<p class="empty">No requests yet.</p>`;
  // The provider column appears once usage records name the provider that served them.
  const providers = page.data.some((row) => row.provider);
  return html`<div class="table-wrap">
      <table class="requests">
        <thead>
          <tr>
            <th>Time</th>
            <th>Model</th>
            ${providers && html`<th>Provider</th>`}
            <th>Key</th>
            <th class="num">Input tokens</th>
            <th class="num">Output tokens</th>
            <th class="num">Cost (USD)</th>
          </tr>
        </thead>
        <tbody>
          ${page.data.map(
            (row) =>
              html`<tr>
                <td><a href="/dashboard/generations/${row.id}">${when(row.created_at)}</a></td>
                <td>${row.model}</td>
                ${providers && html`<td>${row.provider ?? '—'}</td>`}
                <td>${keyLabel(row.api_key_id)}</td>
                <td class="num">${count(row.input_tokens)}</td>
                <td class="num">
                  ${count(row.output_tokens)}${row.estimated && html` <abbr title="estimated: the provider reported no usage">est.</abbr>`}
                </td>
                <td class="num">${row.cost}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    ${page.next_cursor && html`<p class="more"><a href="${pagePath}?cursor=${page.next_cursor}">Older requests →</a></p>`}`;
}

/** All requests, a page at a time. */
export function requestsPage(
  page: Page<GenerationSummaryView>,
  keyLabel: (keyId: string) => string,
  signedIn: { accountName: string; csrfToken: string },
): string {
  return layout(
    { title: 'Requests', signedIn },
    html`<section class="card">
      <h1>Requests</h1>
      ${requestsTable(page, keyLabel, '/dashboard/requests')}
    </section>`,
  );
}

/** One request: what it used, the price it was charged at, and what it cost. */
export function generationPage(
  generation: GenerationView,
  keyLabel: (keyId: string) => string,
  signedIn: { accountName: string; csrfToken: string },
): string {
  const price = generation.price;
  const rows: Array<[string, string | SafeHtml]> = [
    ['Request id', html`<code>${generation.id}</code>`],
    ['Time', when(generation.created_at)],
    ['Model', generation.model],
    ...(generation.provider ? [['Provider', generation.provider] as [string, string]] : []),
    ['API', generation.surface === 'anthropic' ? 'Anthropic Messages' : 'OpenAI Chat Completions'],
    ['Streamed', generation.streamed ? 'yes' : 'no'],
    ['Key', keyLabel(generation.api_key_id)],
    ['Input tokens', count(generation.input_tokens)],
    ['Cached input tokens', count(generation.cached_input_tokens)],
    ['Output tokens', count(generation.output_tokens)],
    ['Tokens estimated', generation.estimated ? 'yes: the provider reported no usage' : 'no'],
    ['Input price per 1M tokens', usd(price.input_per_million)],
    ['Output price per 1M tokens', usd(price.output_per_million)],
    [
      'Cached input price per 1M tokens',
      price.cached_input_per_million === null ? '—' : usd(price.cached_input_per_million),
    ],
    ['Price in effect since', when(price.effective_from)],
    ['Cost', html`<strong data-testid="generation-cost">${usd(generation.cost)}</strong>`],
    ['Priced at', when(generation.priced_at)],
  ];
  return layout(
    { title: `Request ${generation.id}`, signedIn },
    html`<section class="card">
      <h1>Request details</h1>
      <dl class="details">
        ${rows.map(
          ([term, value]) =>
            html`<dt>${term}</dt>
              <dd>${value}</dd>`,
        )}
      </dl>
      <p><a href="/dashboard#requests">← Back to the dashboard</a></p>
    </section>`,
  );
}
