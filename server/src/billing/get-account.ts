import { asc, eq, gt } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { accounts } from '../db/schema/index.js';
import { NotFoundError } from '../errors/domain-errors.js';
import type { AccountRow } from './account-fields.js';

/** Fetch-or-throw: the account, or a 404. */
export async function getAccount(db: DbOrTx, accountId: number): Promise<AccountRow> {
  const [account] = await db.select().from(accounts).where(eq(accounts.id, accountId)).limit(1);
  if (!account) throw new NotFoundError(`No account ${accountId}.`);
  return account;
}

export async function listAccounts(db: DbOrTx, page: { afterId: number; limit: number }): Promise<AccountRow[]> {
  return db.select().from(accounts).where(gt(accounts.id, page.afterId)).orderBy(asc(accounts.id)).limit(page.limit);
}
