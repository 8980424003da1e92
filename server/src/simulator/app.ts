import { Hono } from 'hono';
import { manageErrors } from './manage-errors.js';
import { ManageStore, type ManageRecord } from './store.js';
import { SimulatorIdentity, type SimulatorCredentials } from './identity.js';
import { handleRestRequest } from './routes/rest.js';
import { handleSystemRequest } from './routes/system.js';
import { handleTimeEntryDefaults } from './routes/time-entry-defaults.js';
import { hostPageRoutes } from './routes/host-pages.js';
import { simulatorAdminRoutes } from './routes/simulator-admin.js';
import { callbackKeyRoutes } from './routes/callback-key.js';
import { servedVersion } from './api-version.js';
import { CallbackDispatcher, type CallbackDeliveryOptions } from './callbacks/delivery.js';
import { callbackRegistrationRule } from './callbacks/registration.js';
import { FaultInjector } from './faults/fault-injector.js';
import type { FaultSettingsInput } from './faults/fault-settings.js';
import { faultBeforeHandling, truncatedResponse } from './faults/apply-faults.js';
import type { SimulatorEnv } from './sim-env.js';

/**
 * The ConnectWise Manage simulator: Manage's REST API under
 * `/{codebase}apis/3.0/`, `/login/companyinfo/{companyId}`, callbacks with
 * their key_url, host pages that look like Manage's screens to pods and the
 * extension, and `/simulator/*` controls for faults.
 */
export interface SimulatorOptions {
  credentials: SimulatorCredentials;
  dataset: Partial<Record<string, readonly ManageRecord[]>>;
  clock?: () => Date;
  /** Codebases this "site" answers on; the first is what companyinfo reports. */
  codebases?: readonly string[];
  /** The newest API version the site serves (/system/info, api-current-version). */
  version?: string;
  isCloud?: boolean;
  /** Faults and limits from the start (default: none; switch at run time via POST /simulator/faults). */
  faults?: FaultSettingsInput;
  /** How slow answers wait (default setTimeout); tests pass a recorder. */
  faultSleep?: (ms: number) => Promise<void>;
  /** Callback delivery: retry delays, timeout, fetch (defaults: Manage's 2 s/4 s, 5 s). */
  callbacks?: Pick<CallbackDeliveryOptions, 'retryDelaysMs' | 'timeoutMs' | 'fetch' | 'sleep'>;
  /** The site's address as clients reach it, until a request tells (FromUrl, key_url). */
  siteUrl?: string;
}

export interface Simulator {
  app: Hono<SimulatorEnv>;
  store: ManageStore;
  identity: SimulatorIdentity;
  callbacks: CallbackDispatcher;
  faults: FaultInjector;
}

export const DEFAULT_CODEBASES = ['v4_6_release', 'v2025_1'] as const;

/**
 * `/{codebase}apis/3.0/{path}` (docs/connectwise/rest-api.md#url-and-codebase). Real records' hrefs carry a double
 * slash after a cloud codebase (`/v2025_1//apis/3.0/...`, AMP contact-update.json),
 * and clients follow them, so one or more slashes are accepted there.
 */
const API_PATH = /^\/([^/]+)\/+apis\/3\.0\/(.*)$/;

export function createSimulator(options: SimulatorOptions): Simulator {
  const clock = options.clock ?? (() => new Date());
  const codebases = options.codebases ?? DEFAULT_CODEBASES;
  const version = options.version ?? '2025.1';
  const store = new ManageStore(clock);
  for (const [collection, records] of Object.entries(options.dataset)) if (records) store.load(collection, records);
  const identity = new SimulatorIdentity(options.credentials, (identifier) =>
    store.all('members').some((m) => String(m.identifier).toLowerCase() === identifier.toLowerCase() && m.inactiveFlag !== true),
  );
  const callbacks = new CallbackDispatcher(store, {
    companyId: options.credentials.companyId,
    siteUrl: options.siteUrl ?? 'https://cw.example.com',
    codebase: codebases[0],
    ...options.callbacks,
  });
  const faults = new FaultInjector(options.faults);
  const faultDeps = {
    injector: faults,
    store,
    clock,
    sleep: options.faultSleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms))),
  };
  const systemDeps = { store, version, isCloud: options.isCloud ?? false };
  const restDeps = { store, writeRules: { callbacks: callbackRegistrationRule } };

  const app = new Hono<SimulatorEnv>();
  app.use('*', async (c, next) => {
    const url = new URL(c.req.url);
    c.set('publicBaseUrl', `${url.protocol}//${url.host}`);
    await next();
    // Manage's clock, as its records' `_info.lastUpdated` stamps are (the sync's watermark
    // reads it): from the simulator's clock, not the host's, so a test clock holds for both.
    c.header('date', clock().toUTCString());
  });

  // Codebase discovery needs no authentication (docs/connectwise/rest-api.md#url-and-codebase).
  app.get('/login/companyinfo/:companyId', (c) => {
    if (c.req.param('companyId').toLowerCase() !== options.credentials.companyId.toLowerCase())
      return c.json(manageErrors.noEndpoint(), 404);
    return c.json({
      CompanyName: options.credentials.companyId,
      Codebase: `${codebases[0]}/`,
      VersionCode: `v${version}`,
      VersionNumber: `v4.6.${version.replace('.', '')}`,
      CompanyID: options.credentials.companyId,
      IsCloud: options.isCloud ?? false,
    });
  });

  app.route('/', simulatorAdminRoutes({ faults, callbacks }));
  app.route('/', callbackKeyRoutes({ callbacks, companyId: options.credentials.companyId }));
  app.route('/', hostPageRoutes({ store, identity }));

  app.all('*', async (c, next) => {
    const route = API_PATH.exec(new URL(c.req.url).pathname);
    if (!route) return next();
    const codebase = route[1];
    if (!codebases.includes(codebase)) return c.json(manageErrors.noEndpoint(), 404);
    c.header('api-current-version', servedVersion(c.req.header('accept'), version));
    c.header('x-cw-request-id', crypto.randomUUID());
    c.header('Cache-Control', 'no-cache');
    // Every call needs a clientId header since 2019 (docs/connectwise/rest-api.md#authentication); headers are case-insensitive.
    if (!c.req.header('clientid')) return c.json(manageErrors.missingClientId(), 401);
    const caller = identity.authenticate(c.req.raw.headers);
    if (!caller) return c.json(manageErrors.unauthorized(), 401);
    c.set('caller', caller);
    c.set('codebase', codebase);
    callbacks.siteUrl = c.get('publicBaseUrl');
    c.set('apiPath', decodeURIComponent(route[2]).replace(/\/+$/, ''));

    const plan = faults.plan();
    const fault = await faultBeforeHandling(c, faultDeps, plan);
    if (fault) return fault;
    const isDefaults = c.req.method === 'POST' && c.get('apiPath').toLowerCase() === 'time/entries/defaults';
    const response = await (isDefaults
      ? handleTimeEntryDefaults(c, store)
      : (handleSystemRequest(c, systemDeps) ?? handleRestRequest(c, restDeps)));
    return plan.truncate ? truncatedResponse(response, plan.position) : response;
  });

  return { app, store, identity, callbacks, faults };
}
