import type { Db } from '../db/client.js';

/**
 * What every billing use case needs besides its input: the database, the time of the
 * change (the caller's clock, so tests and runs are reproducible), who makes it and, from
 * the API, the request id the audit row carries.
 */
export interface BillingContext {
  db: Db;
  now: Date;
  actor: string;
  requestId?: string;
}

/** The calendar day of `now` (UTC), the default for dates a caller leaves out. */
export function todayOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}
