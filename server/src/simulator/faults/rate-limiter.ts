/**
 * Manage's rate limit as a client meets it (DG "Rate Limiting", docs/connectwise/errors-and-rate-limits.md#rate-limiting):
 * past N requests in a minute, 429 with `Retry-After` in seconds. Counted in
 * fixed one-minute windows per caller; Retry-After is the time left in the
 * caller's window, rounded up.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();

  constructor(private readonly perMinute: number) {}

  /** Seconds to wait, or null when the request is within the limit. */
  check(callerKey: string, nowMs: number): number | null {
    let window = this.windows.get(callerKey);
    if (!window || nowMs - window.startedAt >= 60_000) {
      window = { startedAt: nowMs, count: 0 };
      this.windows.set(callerKey, window);
    }
    window.count += 1;
    if (window.count <= this.perMinute) return null;
    return Math.max(1, Math.ceil((window.startedAt + 60_000 - nowMs) / 1000));
  }
}
