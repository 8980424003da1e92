import type { Context } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.js';
import type { AppEnv } from '../../http/app-env.js';
import type { BillingContext } from '../../billing/billing-context.js';

/** The use cases' context for one request: now, the caller as actor, the request id. */
export function billingContextOf(c: Context<AppEnv>, deps: AppDeps): BillingContext & { defaultCurrency: string } {
  return {
    db: deps.db,
    now: deps.clock(),
    actor: c.get('principal').name,
    requestId: c.get('requestId'),
    defaultCurrency: deps.config.currency,
  };
}

export const IdParam = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
export type IdParam = z.infer<typeof IdParam>;
