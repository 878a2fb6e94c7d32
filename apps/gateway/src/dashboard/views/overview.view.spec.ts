import { keyCreatedPage } from './keys.view';
import { overviewPage } from './overview.view';
import { signInPage } from './sign-in.view';
import { spendChart } from './spend-chart';
import type { KeyView, Overview } from './view-models';

const EVIL = `<script>alert('x')</script>"><img src=x onerror=alert(1)>`;

const key = (patch: Partial<KeyView> = {}): KeyView => ({
  id: 'key_1',
  object: 'api_key',
  name: EVIL,
  prefix: 'kr-AbCdEfG',
  scope: 'management',
  spend_limit: '12.000000000000000001',
  spend_limit_period: null,
  requests_per_minute: null,
  tokens_per_minute: null,
  spent_total: '0.0045',
  disabled: false,
  revoked_at: null,
  last_used_at: null,
  created_at: '2026-12-01T10:00:00.000Z',
  ...patch,
});

function overview(patch: Partial<Overview> = {}): Overview {
  const spend = spendChart(
    {
      object: 'daily_spend',
      by: 'model',
      days: ['2026-12-01', '2026-12-02'],
      data: [{ day: '2026-12-02', group: EVIL, requests: 1, cost: '0.000000000000000001' }],
    },
    (group) => group,
  );
  return {
    account: {
      id: 'acct_1',
      object: 'account',
      name: EVIL,
      email: null,
      status: 'active',
      currency: 'usd',
      balance: '123456789.000000000000000001',
      available: '0.1',
      spent_total: '0.3',
      created_at: '2026-12-01T10:00:00.000Z',
    },
    csrfToken: 'token"<&',
    canManage: true,
    spendByModel: spend,
    spendByKey: spend,
    requests: {
      data: [
        {
          id: 'gen_1',
          object: 'generation',
          model: EVIL,
          api_key_id: 'key_1',
          input_tokens: 1000,
          output_tokens: 500,
          cached_input_tokens: 0,
          estimated: false,
          cost: '0.0045',
          created_at: '2026-12-02T10:00:00.000Z',
        },
      ],
      next_cursor: '1764669600000.gen_1',
    },
    keys: [key(), key({ id: 'key_2', revoked_at: '2026-12-02T10:00:00.000Z' })],
    ledger: { data: [], next_cursor: null },
    alert: { object: 'low_balance_alert', threshold: null, webhook_url: EVIL, alerted: false },
    keyLabel: (id) => `label of ${id}`,
    ...patch,
  };
}

/** Markup a page may contain only if it came from our templates, never from data. */
function expectNoInjectedMarkup(page: string): void {
  expect(page).not.toContain('<img');
  expect(page).not.toContain("<script>alert('x')");
  expect(page).not.toContain('onerror=alert(1)>');
  expect(page).toContain('&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;');
}

describe('overviewPage', () => {
  it('escapes every customer- or operator-typed value, in text and attributes', () => {
    const page = overviewPage(overview());
    expectNoInjectedMarkup(page);
    expect(page).toContain('value="token&quot;&lt;&amp;"');
  });

  it('shows amounts exactly as the API gives them, never rounded', () => {
    const page = overviewPage(overview());
    expect(page).toContain('$123456789.000000000000000001');
    expect(page).toContain('$12.000000000000000001');
    expect(page).toContain('0.0045');
    expect(page).toContain('"exact":["0","0.000000000000000001"]');
  });

  it('has no inline script or style: only script files and JSON data', () => {
    const page = overviewPage(overview());
    for (const tag of page.match(/<script[^>]*>/g) ?? []) {
      expect(tag).toMatch(/ src="\/dashboard\/assets\/[a-z.]+"|type="application\/json"/);
    }
    expect(page).not.toContain('<style');
    // Attributes live in tags; escaped text has no '<' and so no tag.
    for (const tag of page.match(/<[a-z][^>]*>/gi) ?? []) {
      // Attribute values are quoted, their own quotes escaped: look at names only.
      expect(tag.replace(/"[^"]*"/g, '""')).not.toMatch(/\sstyle=|\son[a-z]+=/i);
    }
  });

  it('offers revoked keys no actions, and no key forms at all to an inference session', () => {
    const page = overviewPage(overview());
    expect(page).toContain('action="/dashboard/keys/key_1/revoke"');
    expect(page).not.toContain('action="/dashboard/keys/key_2');
    const reader = overviewPage(overview({ keys: null, canManage: false }));
    expect(reader).not.toContain('action="/dashboard/keys');
    expect(reader).not.toContain('action="/dashboard/alert"');
    expect(reader).toContain('Sign in with a management key');
  });

  it('says so when there is nothing to draw', () => {
    const empty = spendChart(
      { object: 'daily_spend', by: 'key', days: ['2026-12-01'], data: [] },
      String,
    );
    const page = overviewPage(overview({ spendByModel: empty, spendByKey: empty }));
    expect(page).toContain('No spend in the last 30 days.');
    expect(page).not.toContain('<canvas');
  });
});

describe('the requests table', () => {
  it('has a provider column only once requests name their provider', () => {
    const rows = overview().requests;
    expect(overviewPage(overview())).not.toContain('<th>Provider</th>');
    const served = overviewPage(
      overview({ requests: { ...rows, data: [{ ...rows.data[0], provider: 'mistral<' }] } }),
    );
    expect(served).toContain('<th>Provider</th>');
    expect(served).toContain('<td>mistral&lt;</td>');
  });
});

describe('the other pages', () => {
  it('the sign-in page holds no account data, and escapes its message', () => {
    const page = signInPage(EVIL);
    expectNoInjectedMarkup(page);
    expect(page).not.toContain('data-testid="balance"');
    expect(page).not.toContain('Sign out');
  });

  it('the new key page shows the plaintext once, escaped', () => {
    const page = keyCreatedPage(
      { ...key(), key: 'kr-secret"<' },
      { accountName: EVIL, csrfToken: 't' },
    );
    expect(page).toContain('value="kr-secret&quot;&lt;"');
    expectNoInjectedMarkup(page);
  });
});
