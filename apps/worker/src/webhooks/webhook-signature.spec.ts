import { signWebhook, verifyWebhookSignature } from './webhook-signature';

describe('webhook signatures', () => {
  const body = '{"type":"account.low_balance"}';

  it('verifies what it signed, within the tolerance', () => {
    const header = signWebhook('whsec_x', 1_800_000_000, body);
    expect(header).toMatch(/^t=1800000000,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature('whsec_x', header, body, 1_800_000_100)).toBe(true);
  });

  it('refuses another body, another secret, an old timestamp or a malformed header', () => {
    const header = signWebhook('whsec_x', 1_800_000_000, body);
    expect(verifyWebhookSignature('whsec_x', header, `${body} `, 1_800_000_000)).toBe(false);
    expect(verifyWebhookSignature('whsec_y', header, body, 1_800_000_000)).toBe(false);
    expect(verifyWebhookSignature('whsec_x', header, body, 1_800_000_301)).toBe(false);
    expect(verifyWebhookSignature('whsec_x', 'v1=abc', body, 1_800_000_000)).toBe(false);
  });
});
