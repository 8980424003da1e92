import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { DbOrTx } from '../db/client.js';
import { settings } from '../db/schema/index.js';

/** Reads one JSON setting through its schema; a missing or outdated value gives the schema's defaults. */
export async function readSetting<T extends z.ZodType>(db: DbOrTx, key: string, schema: T): Promise<z.infer<T>> {
  const [row] = await db.select().from(settings).where(eq(settings.key, key)).limit(1);
  const parsed = schema.safeParse(row?.value ?? {});
  return parsed.success ? parsed.data : schema.parse({});
}

export async function writeSetting(db: DbOrTx, key: string, value: unknown, now: Date): Promise<void> {
  await db
    .insert(settings)
    .values({ key, value, updatedAt: now.toISOString() })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now.toISOString() } });
}
