import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { syncMappings } from '../db/schema/index.js';
import { ValidationError } from '../errors/domain-errors.js';
import { MAPPING_VALUE_SCHEMAS, type MappingKind, type MappingValue } from './mapping-kinds.js';
import { getOrInsert } from '../../../shared/get-or-insert.js';

/** All mappings of all kinds, loaded once per page/run: small setup tables. */
export class MappingSet {
  constructor(private readonly byKind: Map<MappingKind, Map<string, Record<string, unknown>>>) {}

  get<K extends MappingKind>(kind: K, cwKey: string): MappingValue<K> | undefined {
    return this.byKind.get(kind)?.get(cwKey) as MappingValue<K> | undefined;
  }

  /** Takes every mapping of `other` (a fresh load), dropping what this set held. */
  replaceWith(other: MappingSet): void {
    this.byKind.clear();
    for (const [kind, map] of other.byKind) this.byKind.set(kind, map);
  }

  set<K extends MappingKind>(kind: K, cwKey: string, value: MappingValue<K>): void {
    const map = getOrInsert(this.byKind, kind, () => new Map());
    map.set(cwKey, value as Record<string, unknown>);
  }
}

export async function loadMappings(db: DbOrTx): Promise<MappingSet> {
  const rows = await db.select().from(syncMappings);
  const byKind = new Map<MappingKind, Map<string, Record<string, unknown>>>();
  for (const row of rows) {
    const kind = row.kind as MappingKind;
    if (!byKind.has(kind)) byKind.set(kind, new Map());
    byKind.get(kind)!.set(row.cwKey, row.value);
  }
  return new MappingSet(byKind);
}

export async function saveMapping<K extends MappingKind>(
  db: DbOrTx,
  kind: K,
  cwKey: string,
  cwName: string,
  value: unknown,
  now: Date,
): Promise<MappingValue<K>> {
  const parsed = MAPPING_VALUE_SCHEMAS[kind].safeParse(value);
  if (!parsed.success)
    throw new ValidationError(`Invalid ${kind} mapping.`, {
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  const at = now.toISOString();
  await db
    .insert(syncMappings)
    .values({ kind, cwKey, cwName, value: parsed.data as Record<string, unknown>, updatedAt: at })
    .onConflictDoUpdate({
      target: [syncMappings.kind, syncMappings.cwKey],
      set: { cwName, value: parsed.data as Record<string, unknown>, updatedAt: at },
    });
  return parsed.data as MappingValue<K>;
}

export async function deleteMapping(db: DbOrTx, kind: MappingKind, cwKey: string): Promise<boolean> {
  const deleted = await db
    .delete(syncMappings)
    .where(and(eq(syncMappings.kind, kind), eq(syncMappings.cwKey, cwKey)))
    .returning();
  return deleted.length > 0;
}

export async function listStoredMappings(db: DbOrTx, kind: MappingKind) {
  return db.select().from(syncMappings).where(eq(syncMappings.kind, kind));
}
