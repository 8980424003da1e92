import { Hono } from 'hono';
import type { AppEnv } from './http/app-env.js';
import type { AppDeps, ResolvedAppDeps } from './app-deps.js';
import { MemberCredentialVault } from './auth/member-credential-vault.js';
import { requestId } from './http/request-id.js';
import { notFound, onError } from './http/on-error.js';
import { healthRoutes } from './routes/health.js';
import { ticketRoutes } from './routes/tickets.js';
import { tokenRoutes } from './routes/tokens.js';
import { sessionRoutes } from './routes/sessions.js';
import { memberGrantRoutes } from './routes/member-grants.js';
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

export function createApp(appDeps: AppDeps) {
  const deps: ResolvedAppDeps = { ...appDeps, memberCredentials: appDeps.memberCredentials ?? new MemberCredentialVault() };
  const app = new Hono<AppEnv>();
  app.use('*', requestId);
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
  app.route('/', billingRoutes(deps));
  return app;
}
