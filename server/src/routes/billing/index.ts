import { Hono } from 'hono';
import type { AppEnv } from '../../http/app-env.js';
import type { AppDeps } from '../../app-deps.js';
import { accountRoutes } from './accounts.js';
import { contactRoutes } from './contacts.js';
import { catalogRoutes } from './catalog.js';
import { subscriptionRoutes } from './subscriptions.js';
import { subscriptionPreviewRoutes } from './subscription-preview.js';
import { chargeRoutes } from './charges.js';
import { invoiceRoutes } from './invoices.js';
import { billingEventRoutes } from './events.js';

/** The billing core's REST API under /api/v1 (accounts, catalog, subscriptions, charges, invoices). */
export function billingRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.route('/', accountRoutes(deps));
  app.route('/', contactRoutes(deps));
  app.route('/', catalogRoutes(deps));
  app.route('/', subscriptionRoutes(deps));
  app.route('/', subscriptionPreviewRoutes(deps));
  app.route('/', chargeRoutes(deps));
  app.route('/', invoiceRoutes(deps));
  app.route('/', billingEventRoutes(deps));
  return app;
}
