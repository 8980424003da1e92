// The CLI's clock. Business dates (an invoice run's default billing date, the day a credit
// note is issued, approval and export stamps) come from it, never from `new Date()` elsewhere.
import { UsageError } from './cli-args.js';

/** An instant with an offset, e.g. 2026-11-16T09:00:00Z (what `Date#toISOString` gives). */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The wall clock, or, when `CW_BILLING_NOW` is set, a clock that starts at that instant and
 * moves on with the time elapsed, as test/helpers/test-clock.ts `testClock` does in a test's
 * own process: the tests run the CLI as a child process and give it their today this way.
 * Meant for tests; in production leave it unset.
 */
export function cliClock(env: Record<string, string | undefined> = process.env): () => Date {
  const pinned = env.CW_BILLING_NOW?.trim();
  if (!pinned) return () => new Date();
  const start = INSTANT.test(pinned) ? Date.parse(pinned) : Number.NaN;
  if (Number.isNaN(start)) throw new UsageError(`CW_BILLING_NOW must be an instant such as 2026-11-16T09:00:00Z, got "${pinned}"`);
  const startedAt = performance.now();
  return () => new Date(start + Math.floor(performance.now() - startedAt));
}
