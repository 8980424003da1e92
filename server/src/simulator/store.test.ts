import { describe, expect, it } from 'vitest';
import { ManageStore, indexOfId } from './store.js';

const clock = () => new Date('2026-07-01T09:00:00.123Z');

describe('ManageStore', () => {
  it('lists records in id order through loads, inserts, replaces and deletes', () => {
    const store = new ManageStore(clock);
    store.load('things', [{ id: 5 }, { id: 2 }, { id: 9 }]);
    expect(store.all('things').map((r) => r.id)).toEqual([2, 5, 9]);
    const added = store.insert('things', { name: 'new' }, 'admin');
    expect(added.id).toBe(10);
    store.replace('things', { id: 5, name: 'five' }, 'admin');
    expect(store.all('things').map((r) => [r.id, r.name])).toEqual([
      [2, undefined],
      [5, 'five'],
      [9, undefined],
      [10, 'new'],
    ]);
    store.remove('things', 2);
    store.load('things', [{ id: 1 }]);
    expect(store.all('things').map((r) => r.id)).toEqual([1, 5, 9, 10]);
  });

  it('serves the same array until the collection changes shape, so pages do not copy it', () => {
    const store = new ManageStore(clock);
    store.load('things', [{ id: 1 }, { id: 2 }]);
    const first = store.all('things');
    store.insert('things', {}, 'admin');
    store.replace('things', { id: 1 }, 'admin');
    expect(store.all('things')).toBe(first);
    store.remove('things', 2);
    expect(store.all('things')).not.toBe(first);
  });

  it('stamps _info on every write and tells listeners who wrote', () => {
    const store = new ManageStore(clock);
    const seen: string[] = [];
    store.onChange((collection, action, record, by) => seen.push(`${collection} ${action} ${record.id} ${by}`));
    const created = store.insert('things', { id: 99, name: 'x' }, 'jsmith');
    expect(Object.keys(created)[0]).toBe('id');
    expect(created).toEqual({ id: 1, name: 'x', _info: { lastUpdated: '2026-07-01T09:00:00Z', updatedBy: 'jsmith' } });
    store.replace('things', { ...created, name: 'y' }, 'admin');
    store.remove('things', 1, 'mchen');
    expect(seen).toEqual(['things added 1 jsmith', 'things updated 1 admin', 'things deleted 1 mchen']);
  });

  it('finds ids by binary search', () => {
    const records = [1, 3, 5, 8].map((id) => ({ id }));
    expect(records.map((r) => indexOfId(records, r.id))).toEqual([0, 1, 2, 3]);
    expect(indexOfId(records, 4)).toBe(-1);
  });
});
