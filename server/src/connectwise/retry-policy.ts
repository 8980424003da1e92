/**
 * How to react to a ConnectWise response, decided in one place.
 * ConnectWise's Developer Guide ("Retry Policy"): cancel on 400/401/403/404,
 * retry 429 and 5xx with exponential backoff and jitter, honour Retry-After.
 */
export type ResponseVerdict = { kind: 'ok' } | { kind: 'retry'; reason: string; retryAfterMs?: number } | { kind: 'fail'; reason: string };

export function classifyStatus(status: number, retryAfterHeader: string | null): ResponseVerdict {
  if (status >= 200 && status < 300) return { kind: 'ok' };
  if (status === 429) return { kind: 'retry', reason: 'rate limited (429)', retryAfterMs: parseRetryAfter(retryAfterHeader) };
  if (status >= 500) return { kind: 'retry', reason: `server error (${status})` };
  return { kind: 'fail', reason: `rejected (${status})` };
}

/** Retry-After is seconds (Manage sends seconds) or an HTTP date. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export interface BackoffOptions {
  baseDelayMs: number;
  maxDelayMs: number;
}

/** "Full jitter" exponential backoff: a random delay in [0, min(max, base * 2^attempt)). */
export function backoffDelay(attempt: number, options: BackoffOptions, random = Math.random): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}
