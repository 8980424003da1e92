import type { Db } from '../db/client.js';
import type { ConnectWiseClient } from '../connectwise/client.js';
import { MAPPING_SOURCES, workRoleTypeKey, type MappingKind } from './mapping-kinds.js';
import { listStoredMappings } from './mapping-store.js';
import type { MappingItem } from '../../../shared/schemas/module-pages.js';

type Named = { id: number; name?: string };

/**
 * Every value ConnectWise has for a kind, with its mapping; the unmapped ones first,
 * since those are what the admin must act on (Gradient's "Unmapped" queue).
 */
export async function listMappings(db: Db, cw: ConnectWiseClient, kind: MappingKind): Promise<MappingItem[]> {
  const stored = new Map((await listStoredMappings(db, kind)).map((row) => [row.cwKey, row]));
  const values = new Map<string, string>();
  if (kind === 'work_role_type') {
    const [roles, types] = await Promise.all([cw.listAll<Named>('/time/workRoles'), cw.listAll<Named>('/time/workTypes')]);
    for (const role of roles)
      for (const type of types) values.set(workRoleTypeKey(role.id, type.id), `${role.name ?? role.id} × ${type.name ?? type.id}`);
  } else {
    const source = MAPPING_SOURCES[kind];
    for (const record of await cw.listAll<Record<string, unknown> & { id: number }>(source.path))
      values.set(String(record.id), source.name(record));
  }
  const items: MappingItem[] = [...values].map(([cwKey, cwName]) => {
    const row = stored.get(cwKey);
    return { cwKey, cwName, mapped: Boolean(row), value: row?.value ?? null, inConnectWise: true };
  });
  for (const [cwKey, row] of stored)
    if (!values.has(cwKey)) items.push({ cwKey, cwName: row.cwName, mapped: true, value: row.value, inConnectWise: false });
  return items.sort((a, b) => Number(a.mapped) - Number(b.mapped) || a.cwName.localeCompare(b.cwName));
}
