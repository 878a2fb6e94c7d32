import { toMoney } from '@app/pricing';
import { makerSlug, modelListEntry } from '@app/catalogue';
import { seedEntry } from './__fixtures__/seed-entries';

describe('modelListEntry', () => {
  it('maps a seed model to an OpenAI list item with decimal-string prices', () => {
    expect(modelListEntry(seedEntry('magistral-medium-latest'))).toEqual({
      id: 'magistral-medium-latest',
      object: 'model',
      created: Date.UTC(2026, 6, 5) / 1000,
      owned_by: 'mistralai',
      name: 'Magistral Medium',
      description:
        'Magistral — a reasoning-focused model for step-by-step problem solving; the medium tier, tracking the newest release.',
      capabilities: ['streaming', 'tools'],
      pricing: {
        input_per_million: '2',
        output_per_million: '5',
        cached_input_per_million: null,
        currency: 'usd',
        effective_from: '2026-07-05T00:00:00.000Z',
      },
    });
  });

  it('prints small and cached prices without exponent, and prefers the model creation date', () => {
    const base = seedEntry('ministral-3b-latest');
    const item = modelListEntry({
      model: { ...base.model, createdAt: new Date('2026-01-02T03:04:05.678Z') },
      price: {
        ...base.price,
        inputPerMillion: toMoney('1e-7'),
        cachedInputPerMillion: toMoney('0.010'),
      },
    });
    expect(item.created).toBe(Date.UTC(2026, 0, 2, 3, 4, 5) / 1000);
    expect(item.pricing.input_per_million).toBe('0.0000001');
    expect(item.pricing.output_per_million).toBe('0.1');
    expect(item.pricing.cached_input_per_million).toBe('0.01');
    expect(Number.isInteger(item.created)).toBe(true);
  });

  it('does not share the capabilities array with the catalogue', () => {
    const entry = seedEntry('codestral-latest');
    const item = modelListEntry(entry);
    item.capabilities.push('vision');
    expect(entry.model.capabilities).toEqual(['streaming', 'tools']);
  });
});

describe('makerSlug', () => {
  it.each([
    ['Mistral AI', 'mistralai'],
    ['Meta', 'meta'],
    ['Zhipu (GLM) Co.', 'zhipuglmco'],
    ['Éclair', 'eclair'],
    ['—', 'unknown'],
  ])('%s becomes %s', (maker, slug) => {
    expect(makerSlug(maker)).toBe(slug);
  });
});
