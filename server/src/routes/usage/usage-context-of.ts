import type { Context } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.js';
import type { AppEnv } from '../../http/app-env.js';
import type { BillingContext } from '../../billing/billing-context.js';

/** The use cases' context for one request: now, the caller as actor, the request id. */
export function usageContextOf(c: Context<AppEnv>, deps: AppDeps): BillingContext {
  return { db: deps.db, now: deps.clock(), actor: c.get('principal').name, requestId: c.get('requestId') };
}

/** Rating options a caller may set per run (docs/usage-rating.md). */
export const RatingOptionsBody = z.object({
  billingTimeZone: z
    .string()
    .min(1)
    .max(64)
    .refine((zone) => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, 'an IANA time zone, e.g. Australia/Sydney')
    .optional(),
  lateUsage: z.object({ mode: z.enum(['next_open_period', 'quarantine']), maxLatePeriods: z.number().int().min(0).max(36) }).optional(),
});
