import { usd, when } from './format';
import { html, type SafeHtml } from './html';
import { csrfField, layout } from './layout.view';
import type { KeyView } from './view-models';

const MONEY_PATTERN = '\\d{1,20}(\\.\\d{1,18})?';

const PERIODS = [
  ['', 'for ever'],
  ['day', 'per UTC day'],
  ['week', 'per UTC week'],
  ['month', 'per UTC month'],
] as const;

/** The limit fields of a key form, filled with the key's values when it has some. */
function limitFields(key: KeyView | null): SafeHtml {
  const period = key?.spend_limit_period ?? '';
  return html`<label
      >Spend limit (USD)
      <input
        name="spend_limit"
        inputmode="decimal"
        pattern="${MONEY_PATTERN}"
        value="${key?.spend_limit ?? ''}"
        placeholder="none"
    /></label>
    <label
      >Limit period
      <select name="spend_limit_period">
        ${PERIODS.map(
          ([value, label]) =>
            html`<option value="${value}" ${value === period ? 'selected' : ''}>${label}</option>`,
        )}
      </select></label
    >
    <label
      >Requests per minute
      <input
        name="requests_per_minute"
        inputmode="numeric"
        pattern="\\d*"
        value="${key?.requests_per_minute ?? ''}"
        placeholder="none"
    /></label>
    <label
      >Tokens per minute
      <input
        name="tokens_per_minute"
        inputmode="numeric"
        pattern="\\d*"
        value="${key?.tokens_per_minute ?? ''}"
        placeholder="none"
    /></label>`;
}

/** "$2.50 per UTC day", "none". */
function spendLimitText(key: KeyView): string {
  if (key.spend_limit === null) return 'none';
  return key.spend_limit_period === null
    ? usd(key.spend_limit)
    : `${usd(key.spend_limit)} per UTC ${key.spend_limit_period}`;
}

function rateText(key: KeyView): string {
  const parts = [
    key.requests_per_minute === null ? null : `${key.requests_per_minute} requests`,
    key.tokens_per_minute === null ? null : `${key.tokens_per_minute} tokens`,
  ].filter((part) => part !== null);
  return parts.length === 0 ? 'none' : `${parts.join(', ')} per minute`;
}

function status(key: KeyView): string {
  if (key.revoked_at !== null) return 'revoked';
  return key.disabled ? 'disabled' : 'active';
}

/** The account's keys, with a form per change; null keys: an inference key's session. */
export function keysSection(keys: KeyView[] | null, csrfToken: string): SafeHtml {
  if (keys === null) {
    return html`<section id="keys" class="card">
      <h2>Keys</h2>
      <p class="hint">Sign in with a management key to see and change the account's keys.</p>
    </section>`;
  }
  return html`<section id="keys" class="card">
    <h2>Keys</h2>
    <div class="keys">${keys.map((key) => keyCard(key, csrfToken))}</div>
    <h3>New key</h3>
    <form method="post" action="/dashboard/keys" class="row">
      ${csrfField(csrfToken)}
      <label>Name <input name="name" required maxlength="200" /></label>
      <label
        >Scope
        <select name="scope">
          <option value="inference">inference (calls models)</option>
          <option value="management">management (manages keys)</option>
        </select></label
      >
      ${limitFields(null)}
      <button type="submit">Create key</button>
    </form>
  </section>`;
}

function keyCard(key: KeyView, csrfToken: string): SafeHtml {
  const state = status(key);
  const action = `/dashboard/keys/${key.id}`;
  return html`<article class="key ${state}" data-key-id="${key.id}">
    <header>
      <strong>${key.name}</strong> <code>${key.prefix}…</code>
      <span class="badge ${state}">${state}</span>
    </header>
    <dl class="details">
      <dt>Scope</dt>
      <dd>${key.scope}</dd>
      <dt>Spend limit</dt>
      <dd data-testid="key-spend-limit">${spendLimitText(key)}</dd>
      <dt>Rate limits</dt>
      <dd data-testid="key-rate-limits">${rateText(key)}</dd>
      <dt>Spent</dt>
      <dd>${usd(key.spent_total)}</dd>
      <dt>Last used</dt>
      <dd>${when(key.last_used_at)}</dd>
      <dt>Created</dt>
      <dd>${when(key.created_at)}</dd>
      ${
        key.revoked_at !== null &&
        html`<dt>Revoked</dt>
          <dd>${when(key.revoked_at)}</dd>`
      }
    </dl>
    ${
      state !== 'revoked' &&
      html`<div class="actions">
        <form method="post" action="${action}" class="row">
          ${csrfField(csrfToken)} ${limitFields(key)}
          <button type="submit">Save limits</button>
        </form>
        <form method="post" action="${action}">
          ${csrfField(csrfToken)}<input
            type="hidden"
            name="disabled"
            value="${state === 'active' ? 'true' : 'false'}"
          /><button type="submit" class="secondary">
            ${state === 'active' ? 'Disable' : 'Enable'}
          </button>
        </form>
        <form
          method="post"
          action="${action}/revoke"
          data-confirm="Revoke ${key.name}? Requests with it will be refused from now on, for good."
        >
          ${csrfField(csrfToken)}<button type="submit" class="danger">Revoke</button>
        </form>
      </div>`
    }
  </article>`;
}

/**
 * The answer to creating a key: the only page that ever holds its plaintext. It is not
 * stored anywhere (the server keeps its hash) and the page is not cached.
 */
export function keyCreatedPage(
  key: KeyView & { key: string },
  signedIn: { accountName: string; csrfToken: string },
): string {
  return layout(
    { title: 'Key created', signedIn },
    html`<section class="card narrow">
      <h1>Key created: ${key.name}</h1>
      <p>Copy it now: this is the only time it is shown. Only its hash is kept.</p>
      <p>
        <input
          class="secret"
          data-testid="new-key"
          readonly
          value="${key.key}"
          aria-label="The new key"
        />
      </p>
      <dl class="details">
        <dt>Scope</dt>
        <dd>${key.scope}</dd>
        <dt>Spend limit</dt>
        <dd>${spendLimitText(key)}</dd>
        <dt>Rate limits</dt>
        <dd>${rateText(key)}</dd>
      </dl>
      <p><a href="/dashboard#keys">Done: back to the dashboard</a></p>
    </section>`,
  );
}
