import { Hono } from 'hono';
import type { AppEnv } from './http/app-env.js';
import type { AppDeps, ResolvedAppDeps } from './app-deps.js';
import { MemberCredentialVault } from './auth/member-credential-vault.js';
import { requestId } from './http/request-id.js';
import { type BodyLimitRule, DEFAULT_BODY_LIMIT_BYTES, limitRequestBodies } from './http/body-limit.js';
import { MAX_QUARANTINE_CSV_BYTES } from './sync/quarantine-actions.js';
import { notFound, onError } from './http/on-error.js';
import { healthRoutes } from './routes/health.js';
import { ticketRoutes } from './routes/tickets.js';
import { tokenRoutes } from './routes/tokens.js';
import { sessionRoutes } from './routes/sessions.js';
import { memberGrantRoutes } from './routes/member-grants.js';
import { auditEntryRoutes } from './routes/audit-entries.js';
import { podRoutes } from './routes/pod.js';
import { meRoutes } from './routes/me.js';
import { billingRoutes } from './routes/billing/index.js';
import { timeEntryRoutes } from './routes/time-entries.js';
import { companyRoutes } from './routes/companies.js';
import { syncRoutes } from './routes/sync/index.js';
import { usageRoutes } from './routes/usage/index.js';
import { quarantineSummaryRoutes } from './routes/quarantine-summary.js';
import { connectwiseInvoiceRoutes } from './routes/connectwise-invoices.js';
import { accountingRoutes } from './routes/accounting/index.js';
import { OPENAPI_PATH, openApiRoutes } from './routes/openapi.js';

/**
 * Routes anyone may call. Every other route declares a power (see
 * auth/require-power.ts); test/access/route-powers.test.ts fails for a route
 * that is neither listed here nor guarded.
 */
export const PUBLIC_ROUTES: ReadonlyArray<{ method: string; path: string }> = [
  { method: 'GET', path: '/health' },
  // Integrators read the API's description before they hold a token.
  { method: 'GET', path: OPENAPI_PATH },
  { method: 'POST', path: '/api/v1/sessions/member' },
  // ConnectWise calls it; it verifies Manage's x-content-signature instead of a token.
  { method: 'POST', path: '/api/v1/connectwise/callbacks' },
  { method: 'GET', path: '/pod-config.json' },
  { method: 'GET', path: '/pod' },
  { method: 'GET', path: '/pod/*' },
  { method: 'ALL', path: '/pod/*' },
];

/**
 * Routes whose bodies are bounded otherwise than by DEFAULT_BODY_LIMIT_BYTES (1 MB). The bulk
 * routes take 5,000 records, about 200–400 bytes each as sent; 10 MB leaves room for long texts.
 */
export const BODY_LIMITS: readonly BodyLimitRule[] = [
  { method: 'POST', path: '/api/v1/charges/batch', maxBytes: 10 * 1024 * 1024 },
  { method: 'POST', path: '/api/v1/usage/records', maxBytes: 10 * 1024 * 1024 },
  { method: 'POST', path: '/api/v1/connectwise/quarantine/csv', maxBytes: MAX_QUARANTINE_CSV_BYTES },
  // Read as it arrives, record by record, each at most 10,000 characters (docs/usage-csv-format.md):
  // the file never sits in memory, so its size is not capped here.
  { method: 'POST', path: '/api/v1/usage/imports', maxBytes: 'streamed' },
];

export function createApp(appDeps: AppDeps) {
  const deps: ResolvedAppDeps = { ...appDeps, memberCredentials: appDeps.memberCredentials ?? new MemberCredentialVault() };
  const app = new Hono<AppEnv>();
  app.use('*', requestId);
  app.use('*', limitRequestBodies(DEFAULT_BODY_LIMIT_BYTES, BODY_LIMITS));
  app.onError(onError);
  app.notFound(notFound);

  app.route('/', healthRoutes(deps));
  app.route(
    '/',
    openApiRoutes(() => app.routes, { publicRoutes: PUBLIC_ROUTES }),
  );
  app.route('/', podRoutes(deps));
  app.route('/', sessionRoutes(deps));
  app.route('/', meRoutes(deps));
  app.route('/', ticketRoutes(deps));
  app.route('/', timeEntryRoutes(deps));
  app.route('/', companyRoutes(deps));
  app.route('/', syncRoutes(deps));
  app.route('/', quarantineSummaryRoutes(deps));
  app.route('/', connectwiseInvoiceRoutes(deps));
  app.route('/', usageRoutes(deps));
  app.route('/', accountingRoutes(deps));
  app.route('/', tokenRoutes(deps));
  app.route('/', memberGrantRoutes(deps));
  app.route('/', auditEntryRoutes(deps));
  app.route('/', billingRoutes(deps));
  return app;
}
