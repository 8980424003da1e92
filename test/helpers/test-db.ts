import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, migrateDatabase, type Database } from '../../server/src/db/client.js';

/** A migrated libSQL database in a throwaway file (real libSQL, never in-memory fakes). */
export async function openTestDatabase(): Promise<Database & { file: string; dispose(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'cwb-db-'));
  const file = join(dir, 'test.db');
  const database = await openDatabase(`file:${file}`);
  await migrateDatabase(database.db);
  return {
    ...database,
    file,
    dispose: () => {
      database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
