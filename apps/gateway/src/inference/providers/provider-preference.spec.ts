import { DomainError } from '@app/errors';
import { applyPreference, parseProviderPreference } from './provider-preference';

const known = (id: string) => ['mistral', 'backup', 'other'].includes(id);
const endpoints = [{ providerId: 'mistral' }, { providerId: 'backup' }, { providerId: 'other' }];
const order = (value: unknown) =>
  applyPreference(endpoints, parseProviderPreference(value, known)).map((e) => e.providerId);

describe('provider preference', () => {
  it('keeps the model order when absent', () => {
    expect(order(undefined)).toEqual(['mistral', 'backup', 'other']);
    expect(order(null)).toEqual(['mistral', 'backup', 'other']);
  });

  it('puts the named providers first, in their order, then the others', () => {
    expect(order({ order: ['other', 'backup'] })).toEqual(['other', 'backup', 'mistral']);
  });

  it('without fallbacks, only the named ones, or the first endpoint', () => {
    expect(order({ order: ['backup'], allow_fallbacks: false })).toEqual(['backup']);
    expect(order({ allow_fallbacks: false })).toEqual(['mistral']);
  });

  it('a named provider that does not serve the model is passed over', () => {
    const only = applyPreference([{ providerId: 'mistral' }], {
      order: ['backup'],
      allowFallbacks: false,
    });
    expect(only).toEqual([]);
  });

  it.each([
    ['an unknown provider', { order: ['nobody'] }],
    ['a string', 'mistral'],
    ['order not a list', { order: 'mistral' }],
    ['a non-string id', { order: [1] }],
    ['allow_fallbacks not a boolean', { allow_fallbacks: 'no' }],
    ['an unknown field', { only: ['mistral'] }],
  ])('refuses %s with a 400 naming provider', (_label, value) => {
    let caught: unknown;
    try {
      parseProviderPreference(value, known);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect((caught as DomainError).details.param).toBe('provider');
  });
});
