import { and, asc, eq, gt, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { accounts } from '../db/schema/index.js';
import { startsWith } from '../db/sql-prefix.js';
import { NotFoundError } from '../errors/domain-errors.js';
import type { AccountRow } from './account-fields.js';

/** Fetch-or-throw: the account, or a 404. */
export async function getAccount(db: DbOrTx, accountId: number): Promise<AccountRow> {
  const [account] = await db.select().from(accounts).where(eq(accounts.id, accountId)).limit(1);
  if (!account) throw new NotFoundError(`No account ${accountId}.`);
  return account;
}

export interface AccountFilter {
  status?: AccountRow['status'];
  externalKey?: string;
  externalKeyPrefix?: string;
  /** Part of the name, any case (ASCII letters). */
  nameContains?: string;
}

/** Accounts after `afterId` in id order, at most `limit`. Pages walk the primary key (or the status index, which keeps id order). */
export async function listAccounts(db: DbOrTx, page: { afterId: number; limit: number } & AccountFilter): Promise<AccountRow[]> {
  const where: SQL[] = [gt(accounts.id, page.afterId)];
  if (page.status !== undefined) where.push(eq(accounts.status, page.status));
  if (page.externalKey !== undefined) where.push(eq(accounts.externalKey, page.externalKey));
  if (page.externalKeyPrefix !== undefined) where.push(startsWith(accounts.externalKey, page.externalKeyPrefix));
  // LIKE's wildcards in the text are matched as themselves.
  if (page.nameContains !== undefined)
    where.push(sql`${accounts.name} like ${`%${page.nameContains.replace(/[\\%_]/g, '\\$&')}%`} escape '\\'`);
  return db
    .select()
    .from(accounts)
    .where(and(...where))
    .orderBy(asc(accounts.id))
    .limit(page.limit);
}
