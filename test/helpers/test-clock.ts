/**
 * "Today" for every test: a fixed day, never the wall clock, so the suite passes on any
 * date. `TEST_TODAY=YYYY-MM-DD` runs it as of another day (scripts/test-dates.sh runs it
 * at several, each also under faketime, to show that nothing reads the real date).
 *
 * Business dates come from here; elapsed time and timeouts use performance.now().
 */
export const DEFAULT_TEST_TODAY = '2026-11-16';

/** The test's today, YYYY-MM-DD: TEST_TODAY when set, else DEFAULT_TEST_TODAY. */
export function testToday(): string {
  const value = process.env.TEST_TODAY?.trim() || DEFAULT_TEST_TODAY;
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : null;
  if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value) {
    throw new Error(`TEST_TODAY must be a calendar day as YYYY-MM-DD, not "${value}"`);
  }
  return value;
}

/** A fixed instant on the test's today (09:00 UTC unless told otherwise, e.g. '17:30:00'). */
export function testNow(time = '09:00:00'): Date {
  return new Date(`${testToday()}T${time}Z`);
}

/**
 * A clock for a running system (app, sync, simulator): it reads `start` (testNow()) when
 * created and then moves on with the time elapsed since, as a real clock does, so records
 * saved one after the other get later stamps, while the day stays the test's today.
 */
export function testClock(start: Date = testNow()): () => Date {
  const base = start.getTime();
  const startedAt = performance.now();
  return () => new Date(base + Math.floor(performance.now() - startedAt));
}
