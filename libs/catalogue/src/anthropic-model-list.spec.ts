import { anthropicModelInfo, anthropicModelList } from '@app/catalogue';
import { seedEntries, seedEntry } from './__fixtures__/seed-entries';

describe('Anthropic model list', () => {
  const ids = seedEntries().map((entry) => entry.model.id);

  it('describes a model with type, id, display name and an RFC 3339 creation date', () => {
    expect(anthropicModelInfo(seedEntry('magistral-medium-latest'))).toEqual({
      type: 'model',
      id: 'magistral-medium-latest',
      display_name: 'Magistral Medium',
      created_at: '2026-07-05T00:00:00.000Z',
    });
  });

  it('lists everything on one page when the limit allows, with first and last ids', () => {
    const list = anthropicModelList(seedEntries(), { limit: 20 });
    expect(list.data.map((info) => info.id)).toEqual(ids);
    expect(list).toMatchObject({ has_more: false, first_id: ids[0], last_id: ids[ids.length - 1] });
  });

  it('pages forward with after_id and backward with before_id', () => {
    const first = anthropicModelList(seedEntries(), { limit: 3 });
    expect(first.data.map((info) => info.id)).toEqual(ids.slice(0, 3));
    expect(first.has_more).toBe(true);
    const second = anthropicModelList(seedEntries(), { limit: 3, afterId: first.last_id! });
    expect(second.data.map((info) => info.id)).toEqual(ids.slice(3, 6));
    const back = anthropicModelList(seedEntries(), { limit: 2, beforeId: second.first_id! });
    expect(back.data.map((info) => info.id)).toEqual(ids.slice(1, 3));
    expect(back.has_more).toBe(true);
  });

  it('answers an empty page with null ids', () => {
    expect(anthropicModelList([], { limit: 20 })).toEqual({
      data: [],
      has_more: false,
      first_id: null,
      last_id: null,
    });
  });
});
