import { Hono } from 'hono';
import { z } from 'zod';
import { POWERS } from '../../../shared/powers.js';
import { AuditEntryPageSchema, type AuditEntryItem, type Page } from '../../../shared/schemas/listings.js';
import type { AppDeps } from '../app-deps.js';
import type { AppEnv } from '../http/app-env.js';
import { validate } from '../http/validate.js';
import { describeResponse } from '../http/response-metadata.js';
import { listingQuery, pageFrom } from '../http/listing-page.js';
import { type AuditFilter, listAuditEntries } from '../audit/list-audit-entries.js';
import { IsoDateSchema } from '../billing/input-schemas.js';

const Text = z.string().min(1).max(200);
const isDay = (value: string) => value.length === 10;
const startOf = (value: string) => new Date(isDay(value) ? `${value}T00:00:00Z` : value).getTime();
/** The first instant after `value`: the next day for a day, the next millisecond for an instant (`at` has milliseconds). */
const endOf = (value: string) => (isDay(value) ? startOf(value) + 86_400_000 : new Date(value).getTime() + 1);
/** Entries' `at` are toISOString texts, compared as text: from this year on it writes `+010000-…`, which sorts first. */
const YEAR_10000 = Date.UTC(10000, 0, 1);
/** A whole day (YYYY-MM-DD, UTC) or an instant with its offset (`2026-11-16T09:00:00Z`, `…+10:00`). */
const DayOrInstant = z
  .union([IsoDateSchema, z.iso.datetime({ offset: true })])
  .refine((value) => startOf(value) < YEAR_10000, 'must fall before the year 10000 (UTC)');

const AuditQuery = listingQuery('audit-entries', {
  entity: Text.optional().describe('The kind of record, e.g. `account`, `invoice`, `settings`.'),
  entityId: Text.optional().describe("The record's id, as the entry writes it."),
  actor: Text.optional().describe('Who made the change: a token or member name, or the sync.'),
  action: Text.optional().describe('e.g. `account.create`.'),
  requestId: Text.optional().describe('The request that made the change.'),
  from: DayOrInstant.optional().describe('On or after this day (UTC) or instant.'),
  to: DayOrInstant.optional().describe('On or before this day (UTC, the whole day) or instant.'),
}).refine((q) => q.from === undefined || q.to === undefined || startOf(q.from) < endOf(q.to), {
  message: 'must not be before from',
  path: ['to'],
});

/**
 * The audit trail, read in the order it was written. It records changes of every kind
 * (settings, tokens, powers, mappings, billing), so reading it is an admin's power:
 * ConnectWise Settings Management, the one that already guards tokens and member grants.
 */
export function auditEntryRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.get(
    '/api/v1/audit-entries',
    deps.requirePower(POWERS.settings),
    validate('query', AuditQuery),
    describeResponse(
      200,
      AuditEntryPageSchema,
      'One page of audit entries in the order they were written; `nextCursor` is null on the last.',
    ),
    async (c) => {
      const { after, limit, from, to, ...filter } = c.req.valid('query');
      const times: AuditFilter = {
        atOrAfter: from === undefined ? undefined : new Date(startOf(from)).toISOString(),
        // The end of 9999-12-31 is no bound at all.
        before: to === undefined || endOf(to) >= YEAR_10000 ? undefined : new Date(endOf(to)).toISOString(),
      };
      const rows = await listAuditEntries(deps.db, { ...filter, ...times, afterId: after ?? 0, limit: limit + 1 });
      return c.json(pageFrom('audit-entries', rows, limit) satisfies Page<AuditEntryItem>);
    },
  );
  return app;
}
