/**
 * The simulator's records, in memory, as Manage stores them: plain JSON
 * objects with ids and `_info.lastUpdated`, grouped by collection.
 */
export type ManageRecord = Record<string, unknown> & { id: number; _info?: Record<string, unknown> };

export type ChangeAction = 'added' | 'updated' | 'deleted';
export type ChangeListener = (collection: string, action: ChangeAction, record: ManageRecord) => void;

export class ManageStore {
  private readonly collections = new Map<string, Map<number, ManageRecord>>();
  private readonly nextIds = new Map<string, number>();
  private readonly listeners = new Set<ChangeListener>();

  constructor(private readonly clock: () => Date) {}

  load(collection: string, records: readonly ManageRecord[]): void {
    const map = this.collection(collection);
    for (const record of records) {
      map.set(record.id, record);
      this.nextIds.set(collection, Math.max(this.nextIds.get(collection) ?? 1, record.id + 1));
    }
  }

  collection(name: string): Map<number, ManageRecord> {
    let map = this.collections.get(name);
    if (!map) {
      map = new Map();
      this.collections.set(name, map);
    }
    return map;
  }

  /** Records in id order, which is the order Manage lists them in without orderBy. */
  all(name: string): ManageRecord[] {
    return [...this.collection(name).values()].sort((a, b) => a.id - b.id);
  }

  get(name: string, id: number): ManageRecord | undefined {
    return this.collection(name).get(id);
  }

  insert(name: string, record: Omit<ManageRecord, 'id'> & { id?: number }, updatedBy: string): ManageRecord {
    const id = this.nextIds.get(name) ?? 1;
    this.nextIds.set(name, id + 1);
    const stored = { ...record, id } as ManageRecord;
    this.stamp(stored, updatedBy);
    this.collection(name).set(id, stored);
    this.emit(name, 'added', stored);
    return stored;
  }

  replace(name: string, record: ManageRecord, updatedBy: string): ManageRecord {
    this.stamp(record, updatedBy);
    this.collection(name).set(record.id, record);
    this.emit(name, 'updated', record);
    return record;
  }

  remove(name: string, id: number): boolean {
    const record = this.collection(name).get(id);
    if (!record) return false;
    this.collection(name).delete(id);
    this.emit(name, 'deleted', record);
    return true;
  }

  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Keeps `_info` as Manage does on every write: lastUpdated (UTC, no fractions), updatedBy. */
  private stamp(record: ManageRecord, updatedBy: string): void {
    const lastUpdated = this.clock().toISOString().replace(/\.\d{3}Z$/, 'Z');
    record._info = { ...(record._info ?? {}), lastUpdated, updatedBy };
  }

  private emit(name: string, action: ChangeAction, record: ManageRecord): void {
    for (const listener of this.listeners) listener(name, action, record);
  }
}
