import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import { accounts, charges, invoices, products } from '../db/schema/index.js';
import { upsertAccountFromSource } from '../billing/upsert-account-from-source.js';
import { upsertContactFromSource } from '../billing/upsert-contact-from-source.js';
import { upsertContactsFromSource } from '../billing/upsert-contacts-from-source.js';
import { updateAccount } from '../billing/update-account.js';
import { ensureProduct, type EnsureProductInput } from '../billing/ensure-product.js';
import type { ChargeInput } from '../billing/add-charges.js';
import { addChargesInBulk } from '../billing/add-charges-in-bulk.js';
import { replacePendingCharge } from '../billing/replace-pending-charge.js';
import type { BillingContext } from '../billing/billing-context.js';
import { inJsonList } from '../db/sql-json.js';

/**
 * The only door from the sync into the billing core (server/src/billing/): the sync never
 * writes billing tables itself. Reads (which account has which key, is a charge invoiced)
 * go straight to the tables.
 *
 * Given a transaction (a sync page), every use case runs inside it: each opens
 * `ctx.db.transaction(...)`, which on a transaction is a savepoint, so a use case that
 * fails rolls back alone and the page still commits once (one fsync per page, not per record).
 */
export class BillingPort {
  constructor(
    private readonly db: DbOrTx,
    private readonly now: Date,
    private readonly actor: string,
    private readonly currency: string,
  ) {}

  private ctx(): BillingContext & { defaultCurrency: string } {
    // A transaction answers every call a use case makes on its Db (select, insert, transaction = savepoint).
    return { db: this.db as Db, now: this.now, actor: this.actor, defaultCurrency: this.currency };
  }

  upsertAccount(input: Parameters<typeof upsertAccountFromSource>[1]) {
    return upsertAccountFromSource(this.ctx(), input);
  }

  /** ConnectWise's profile of a linked account (`from: 'source'`: its tax code is the mapping's, not checked). */
  updateAccount(
    accountId: number,
    changes: {
      name?: string;
      accountType?: string;
      accountProfile?: string | null;
      status?: 'active' | 'suspended' | 'closed';
      taxCode?: string | null;
    },
  ) {
    return updateAccount(this.ctx(), { accountId, changes, from: 'source' });
  }

  upsertContact(input: Parameters<typeof upsertContactFromSource>[1]) {
    return upsertContactFromSource(this.ctx(), input);
  }

  /** A page's contacts at once (upsertContactFromSource's rules). */
  upsertContacts(list: Parameters<typeof upsertContactFromSource>[1][]) {
    return upsertContactsFromSource(this.ctx(), { contacts: list });
  }

  ensureProduct(input: EnsureProductInput) {
    return ensureProduct(this.ctx(), input);
  }

  /** A page's charges at once (addCharges' rules, one JSON parameter per statement). */
  addCharges(list: ChargeInput[]) {
    return addChargesInBulk(this.ctx(), { charges: list });
  }

  /** A pending charge follows its source (null = the source is gone); 409 once an invoice took it. */
  replacePendingCharge(source: string, charge: Omit<ChargeInput, 'source'> | null, reason: string) {
    return replacePendingCharge(this.ctx(), { source, charge, reason });
  }

  async productById(id: number) {
    const [row] = await this.db.select().from(products).where(eq(products.id, id)).limit(1);
    return row;
  }

  async accountById(ids: number[]) {
    if (ids.length === 0) return [];
    return this.db.select().from(accounts).where(inArray(accounts.id, ids));
  }

  async accountByExternalKey(key: string) {
    const [row] = await this.db.select().from(accounts).where(eq(accounts.externalKey, key)).limit(1);
    return row;
  }

  /** Accounts with this name that no external record owns yet (the "name" matching rule). */
  async unlinkedAccountsNamed(name: string) {
    return this.db
      .select({ id: accounts.id })
      .from(accounts)
      .where(and(eq(accounts.name, name), isNull(accounts.externalKey)));
  }

  /** The charges of these sources with the invoice that took each, if any. */
  async chargesBySource(
    sources: string[],
  ): Promise<Map<string, { chargeId: number; invoiceId: number | null; invoiceStatus: string | null; invoiceNumber: string | null }>> {
    const found = new Map<
      string,
      { chargeId: number; invoiceId: number | null; invoiceStatus: string | null; invoiceNumber: string | null }
    >();
    if (sources.length === 0) return found;
    const rows = await this.db
      .select({
        source: charges.source,
        chargeId: charges.id,
        invoiceId: charges.invoiceId,
        invoiceStatus: invoices.status,
        invoiceNumber: invoices.number,
      })
      .from(charges)
      .leftJoin(invoices, eq(invoices.id, charges.invoiceId))
      .where(inJsonList(charges.source, sources));
    for (const row of rows)
      found.set(row.source, {
        chargeId: row.chargeId,
        invoiceId: row.invoiceId,
        invoiceStatus: row.invoiceStatus,
        invoiceNumber: row.invoiceNumber,
      });
    return found;
  }
}
