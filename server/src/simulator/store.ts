/**
 * The simulator's records, in memory, as Manage stores them: plain JSON
 * objects with ids and `_info.lastUpdated`, grouped by collection.
 *
 * Each collection keeps an id-ordered array beside its id map, so listing a
 * page of 100,000 time entries neither copies nor re-sorts the collection:
 * new records get the next (highest) id and are appended, replaced records
 * take their predecessor's slot, and only a delete rebuilds the order lazily.
 */
export type ManageRecord = Record<string, unknown> & { id: number; _info?: Record<string, unknown> };

export type ChangeAction = 'added' | 'updated' | 'deleted';
/** `by` is the member identifier whose write caused the change. */
export type ChangeListener = (collection: string, action: ChangeAction, record: ManageRecord, by: string) => void;

interface Collection {
  byId: Map<number, ManageRecord>;
  /** The records in id order; null when a delete or an out-of-order load invalidated it. */
  ordered: ManageRecord[] | null;
}

export class ManageStore {
  private readonly collections = new Map<string, Collection>();
  private readonly nextIds = new Map<string, number>();
  private readonly listeners = new Set<ChangeListener>();

  constructor(private readonly clock: () => Date) {}

  load(collection: string, records: readonly ManageRecord[]): void {
    const target = this.entry(collection);
    for (const record of records) {
      target.byId.set(record.id, record);
      this.nextIds.set(collection, Math.max(this.nextIds.get(collection) ?? 1, record.id + 1));
    }
    target.ordered = null;
  }

  /** The collection's id map (read it, do not write it: writes go through insert/replace/remove). */
  collection(name: string): ReadonlyMap<number, ManageRecord> {
    return this.entry(name).byId;
  }

  /** Names of every collection holding records. */
  collectionNames(): string[] {
    return [...this.collections.keys()];
  }

  /**
   * Records in id order, which is the order Manage lists them in without
   * orderBy. The array is shared: callers must not modify it.
   */
  all(name: string): readonly ManageRecord[] {
    const target = this.entry(name);
    if (!target.ordered) target.ordered = [...target.byId.values()].sort((a, b) => a.id - b.id);
    return target.ordered;
  }

  get(name: string, id: number): ManageRecord | undefined {
    return this.entry(name).byId.get(id);
  }

  insert(name: string, record: Omit<ManageRecord, 'id'> & { id?: number }, updatedBy: string): ManageRecord {
    const id = this.nextIds.get(name) ?? 1;
    this.nextIds.set(name, id + 1);
    // Manage returns `id` first; any id the caller sent is ignored.
    const { id: _ignored, ...fields } = record;
    const stored = { id, ...fields } as ManageRecord;
    this.stamp(stored, updatedBy);
    const target = this.entry(name);
    target.byId.set(id, stored);
    // The new id is the highest, so appending keeps the order.
    target.ordered?.push(stored);
    this.emit(name, 'added', stored, updatedBy);
    return stored;
  }

  replace(name: string, record: ManageRecord, updatedBy: string): ManageRecord {
    this.stamp(record, updatedBy);
    const target = this.entry(name);
    const existed = target.byId.has(record.id);
    target.byId.set(record.id, record);
    if (target.ordered) {
      const index = existed ? indexOfId(target.ordered, record.id) : -1;
      if (index >= 0) target.ordered[index] = record;
      else target.ordered = null;
    }
    this.emit(name, 'updated', record, updatedBy);
    return record;
  }

  remove(name: string, id: number, deletedBy = 'admin'): boolean {
    const target = this.entry(name);
    const record = target.byId.get(id);
    if (!record) return false;
    target.byId.delete(id);
    target.ordered = null;
    this.emit(name, 'deleted', record, deletedBy);
    return true;
  }

  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private entry(name: string): Collection {
    let target = this.collections.get(name);
    if (!target) {
      target = { byId: new Map(), ordered: [] };
      this.collections.set(name, target);
    }
    return target;
  }

  /** Keeps `_info` as Manage does on every write: lastUpdated (UTC, no fractions), updatedBy. */
  private stamp(record: ManageRecord, updatedBy: string): void {
    const lastUpdated = this.clock()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
    record._info = { ...(record._info ?? {}), lastUpdated, updatedBy };
  }

  private emit(name: string, action: ChangeAction, record: ManageRecord, by: string): void {
    for (const listener of this.listeners) listener(name, action, record, by);
  }
}

/** Binary search over an id-ordered array; -1 when absent. */
export function indexOfId(records: readonly { id: number }[], id: number): number {
  let low = 0;
  let high = records.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const midId = records[mid].id;
    if (midId === id) return mid;
    if (midId < id) low = mid + 1;
    else high = mid - 1;
  }
  return -1;
}
