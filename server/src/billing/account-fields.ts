// The account's fields as the use cases accept them, and the row insert they share.
import { z } from 'zod';
import type { Tx } from '../db/client.js';
import { accounts } from '../db/schema/index.js';
import { recordAudit } from '../audit/record-audit.js';
import { ConflictError } from '../errors/domain-errors.js';
import type { BillingContext } from './billing-context.js';
import { todayOf } from './billing-context.js';
import { BasisPointsSchema, CurrencySchema, IsoDateSchema, NameSchema, TaxCodeSchema } from './input-schemas.js';
import { firstPeriodFor } from './periods.js';
import { ACCOUNT_CREATED_EVENT_ID, recordBillingEvent } from './record-billing-event.js';

export type AccountRow = typeof accounts.$inferSelect;

export const ACCOUNT_STATUSES = ['active', 'suspended', 'closed'] as const;

/** Fields that may change over an account's life (the sync and the API both set them). */
export const AccountProfileFields = z.object({
  name: NameSchema,
  accountType: z.string().trim().min(1).max(100).default('Customer'),
  accountProfile: z.string().trim().min(1).max(100).nullable().default(null),
  status: z.enum(ACCOUNT_STATUSES).default('active'),
  /** Tax profile: exempt, or the default rate in basis points (GST 10% = 1000). */
  taxExempt: z.boolean().default(false),
  taxRateBasisPoints: BasisPointsSchema.default(1000),
  /** The tax code of the account's charges that carry none of their own (before the product's); null = the product's. */
  taxCode: TaxCodeSchema.nullable().default(null),
});

/** Fields fixed when the account opens: they cut its periods and set its money. */
export const AccountCycleFields = z.object({
  billingDay: z.number().int().min(1).max(28).default(1),
  periodMonths: z.number().int().min(1).max(36).default(1),
  /** Defaults to the day of the change. */
  openedOn: IsoDateSchema.optional(),
  /** Defaults to the installation's currency. */
  currency: CurrencySchema.optional(),
});

export type AccountProfile = z.infer<typeof AccountProfileFields>;
export type AccountCycle = z.infer<typeof AccountCycleFields>;

/** Inserts a new account with its audit row and `account.created` event (unless `announce` is false), in `tx`. */
export async function insertAccount(
  tx: Tx,
  ctx: BillingContext,
  input: AccountProfile & AccountCycle & { externalKey: string | null; defaultCurrency: string; announce?: boolean },
): Promise<AccountRow> {
  const openedOn = input.openedOn ?? todayOf(ctx.now);
  const cycle = { billingDay: input.billingDay, periodMonths: input.periodMonths };
  // The anchor tells quarterly and longer cycles which months start a period: the first
  // regular period starts where the pro-rated first period ends.
  const anchor = firstPeriodFor(openedOn, cycle).end;
  const at = ctx.now.toISOString();
  const [row] = await tx
    .insert(accounts)
    .values({
      externalKey: input.externalKey,
      name: input.name,
      billingDay: input.billingDay,
      periodMonths: input.periodMonths,
      anchor,
      openedOn,
      currency: input.currency ?? input.defaultCurrency,
      taxExempt: input.taxExempt,
      taxRateBasisPoints: input.taxRateBasisPoints,
      taxCode: input.taxCode,
      accountType: input.accountType,
      accountProfile: input.accountProfile,
      status: input.status,
      createdAt: at,
      updatedAt: at,
    })
    .onConflictDoNothing({ target: accounts.externalKey })
    .returning();
  if (!row)
    throw new ConflictError(`An account with external key ${input.externalKey} already exists.`, { externalKey: input.externalKey });
  await recordAudit(tx, {
    at: ctx.now,
    actor: ctx.actor,
    action: 'account.create',
    entity: 'account',
    entityId: String(row.id),
    details: { externalKey: row.externalKey },
    requestId: ctx.requestId,
  });
  if (input.announce !== false) {
    await recordBillingEvent(tx, {
      type: 'account.created',
      eventId: ACCOUNT_CREATED_EVENT_ID,
      entityId: row.id,
      payload: { accountId: row.id, externalKey: row.externalKey, name: row.name },
      at: ctx.now,
    });
  }
  return row;
}
