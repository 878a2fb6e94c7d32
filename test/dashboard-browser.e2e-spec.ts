import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { waitFor } from '@app/testing';
import { accountWithSpend } from './support/dashboard-seed';
import { startSystem, type TestSystem } from './support/system';

// These run inside the page (page.evaluate), where the DOM exists; the project compiles
// for Node, without the DOM's types.
declare const document: any;
declare const window: any;

/** Debian's Chromium (`apt-get install chromium`; .ci/run installs it): never a downloaded browser. */
const CHROMIUM = '/usr/bin/chromium';

/**
 * The dashboard in a real browser: sign in, read the balance and the charts, create and
 * revoke a key, download the CSV, sign out; on a phone-sized screen too. With
 * DASHBOARD_SCREENSHOT=<path> it also writes the screenshot shown in the README.
 */
describe('the customer dashboard in Chromium', () => {
  let system: TestSystem;
  let browser: Browser;
  let page: Page;
  let downloads: string;
  const violations: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)`);
    }
    system = await startSystem();
    browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      // Root in a container: Chromium's sandbox needs user namespaces it may not have.
      args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
    });
    page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.evaluateOnNewDocument(() => {
      document.addEventListener('securitypolicyviolation', (event: any) => {
        console.error(`Content Security Policy violation: ${event.violatedDirective}`);
      });
    });
    downloads = mkdtempSync(join(tmpdir(), 'kr-dashboard-'));
    const cdp = await page.createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
    if (downloads) rmSync(downloads, { recursive: true, force: true });
  });

  const text = (selector: string) =>
    page.$eval(selector, (element) => (element.textContent ?? '').trim());

  async function submitAndWait(selector: string) {
    await Promise.all([page.waitForNavigation(), page.click(selector)]);
  }

  it('signs in, shows the spend, manages keys, downloads the CSV and signs out', async () => {
    const account = await accountWithSpend(system);
    const api: any = await (
      await fetch(`${system.gateway.url}/v1/account`, {
        headers: { authorization: `Bearer ${account.key}` },
      })
    ).json();

    // Signed out: the form, and no figure of any account.
    await page.goto(`${system.gateway.url}/dashboard`);
    expect(await page.$('[data-testid="balance"]')).toBeNull();
    await page.type('#key', account.key);
    await submitAndWait('form[action="/dashboard/session"] button');

    // The balance, exactly as the API gives it.
    expect(await text('[data-testid="balance"]')).toBe(`$${api.balance}`);
    expect(await text('[data-testid="available"]')).toBe(`$${api.available}`);

    // Both charts drawn by Chart.js, with data, and tooltips that show exact strings.
    await page.waitForSelector('canvas[data-chart="spend-by-model"][data-drawn]');
    await page.waitForSelector('canvas[data-chart="spend-by-key"][data-drawn]');
    const charts = await page.evaluate(() =>
      Array.from(document.querySelectorAll('canvas[data-chart]')).map((canvas: any) => {
        const chart = window.Chart.getChart(canvas);
        const source = JSON.parse(
          document.getElementById(canvas.getAttribute('data-chart'))!.textContent,
        );
        const firstDay = source.totals.findIndex((total: string) => total !== '0');
        const label = chart.options.plugins.tooltip.callbacks.label.call(chart.tooltip, {
          datasetIndex: 0,
          dataIndex: source.series[0].exact.findIndex((amount: string) => amount !== '0'),
        });
        return {
          width: canvas.width,
          datasets: chart.data.datasets.map((d: any) => d.label),
          drawnTotal: chart.data.datasets
            .flatMap((d: any) => d.data)
            .reduce((sum: number, value: number) => sum + value, 0),
          footer: chart.options.plugins.tooltip.callbacks.footer.call(chart.tooltip, [
            { dataIndex: firstDay },
          ]),
          firstDayTotal: source.totals[firstDay],
          label,
        };
      }),
    );
    expect(charts).toHaveLength(2);
    expect(charts[0].datasets).toEqual(
      expect.arrayContaining([
        'magistral-medium-latest',
        'codestral-latest',
        'ministral-8b-latest',
      ]),
    );
    expect(charts[1].datasets).toEqual(
      expect.arrayContaining([expect.stringMatching(/^backend \(kr-/)]),
    );
    for (const chart of charts) {
      expect(chart.width).toBeGreaterThan(0);
      expect(chart.drawnTotal).toBeGreaterThan(0);
      expect(chart.footer).toBe(`Total: $${chart.firstDayTotal}`);
      expect(chart.label).toMatch(/: \$\d+(\.\d+)?$/);
    }
    const usage: any = await (
      await fetch(`${system.gateway.url}/v1/usage`, {
        headers: { authorization: `Bearer ${account.key}` },
      })
    ).json();
    expect(await text('[data-testid="spent-30d"]')).toBe(`$${usage.totals.cost}`);

    if (process.env.DASHBOARD_SCREENSHOT) {
      await page.screenshot({ path: resolve(process.env.DASHBOARD_SCREENSHOT), fullPage: true });
    }

    // A new key: its plaintext on the answer page only.
    await page.type('form[action="/dashboard/keys"] input[name="name"]', 'browser key');
    await page.type('form[action="/dashboard/keys"] input[name="spend_limit"]', '1.50');
    await page.select('form[action="/dashboard/keys"] select[name="spend_limit_period"]', 'week');
    await page.type('form[action="/dashboard/keys"] input[name="requests_per_minute"]', '60');
    await page.type('form[action="/dashboard/keys"] input[name="tokens_per_minute"]', '90000');
    await submitAndWait('form[action="/dashboard/keys"] button');
    const plaintext = await page.$eval('[data-testid="new-key"]', (input: any) => input.value);
    expect(plaintext).toMatch(/^kr-[0-9A-Za-z]{40,}$/);
    await page.goto(`${system.gateway.url}/dashboard`);
    expect(await page.content()).not.toContain(plaintext);
    const created = await system.prisma.apiKey.findFirstOrThrow({ where: { name: 'browser key' } });
    expect(created).toMatchObject({
      spendLimitPeriod: 'week',
      rateLimitPerMinute: 60,
      tokensPerMinute: 90000,
    });
    expect(await text(`article[data-key-id="${created.id}"] [data-testid="key-spend-limit"]`)).toBe(
      '$1.5 per UTC week',
    );
    expect(await text(`article[data-key-id="${created.id}"] [data-testid="key-rate-limits"]`)).toBe(
      '60 requests, 90000 tokens per minute',
    );

    // Revoke it (the page asks first).
    page.once('dialog', (dialog) => void dialog.accept());
    await submitAndWait(`article[data-key-id="${created.id}"] form[action$="/revoke"] button`);
    expect(await text(`article[data-key-id="${created.id}"] .badge`)).toBe('revoked');
    const refused = await fetch(`${system.gateway.url}/v1/account`, {
      headers: { authorization: `Bearer ${plaintext}` },
    });
    expect(refused.status).toBe(401);

    // The usage CSV, downloaded by the browser with its session.
    await page.click('a[href="/dashboard/usage.csv?group_by=model"]');
    const file = await waitFor('the CSV download', () =>
      readdirSync(downloads).find((name) => name.endsWith('.csv')),
    );
    const csv = readFileSync(join(downloads, file), 'utf8');
    expect(csv.split('\r\n')[0]).toBe('group,requests,input_tokens,output_tokens,cost');
    expect(csv).toContain(`total,${account.requests},`);
    expect(csv).toContain(`,${usage.totals.cost}\r\n`);

    // Readable on a phone: nothing wider than the screen.
    await page.setViewport({ width: 390, height: 844, isMobile: true });
    await page.goto(`${system.gateway.url}/dashboard`);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.setViewport({ width: 1280, height: 900 });

    // Signing out ends the session: the pages ask to sign in again.
    await submitAndWait('form[action="/dashboard/session/delete"] button');
    expect(await page.$('#key')).not.toBeNull();
    await page.goto(`${system.gateway.url}/dashboard/ledger`);
    expect(await page.$('#key')).not.toBeNull();
    expect(await page.content()).not.toContain(api.balance);

    expect(violations).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
