import { Hono } from 'hono';
import { manageErrors } from './manage-errors.js';
import { ManageStore, type ManageRecord } from './store.js';
import { SimulatorIdentity, type SimulatorCredentials } from './identity.js';
import { handleRestRequest } from './routes/rest.js';
import { handleSystemRequest } from './routes/system.js';
import { hostPageRoutes } from './routes/host-pages.js';
import type { SimulatorEnv } from './sim-env.js';

/**
 * The ConnectWise Manage simulator: Manage's REST API under
 * `/{codebase}apis/3.0/`, `/login/companyinfo/{companyId}`, and host pages
 * that look like Manage's screens to pods and the extension.
 */
export interface SimulatorOptions {
  credentials: SimulatorCredentials;
  dataset: Partial<Record<string, readonly ManageRecord[]>>;
  clock?: () => Date;
  /** Codebases this "site" answers on; the first is what companyinfo reports. */
  codebases?: readonly string[];
  /** Version reported by /system/info and the api-current-version header. */
  version?: string;
  isCloud?: boolean;
}

export interface Simulator {
  app: Hono<SimulatorEnv>;
  store: ManageStore;
  identity: SimulatorIdentity;
}

export const DEFAULT_CODEBASES = ['v4_6_release', 'v2025_1'] as const;

export function createSimulator(options: SimulatorOptions): Simulator {
  const clock = options.clock ?? (() => new Date());
  const codebases = options.codebases ?? DEFAULT_CODEBASES;
  const version = options.version ?? '2025.1';
  const store = new ManageStore(clock);
  for (const [collection, records] of Object.entries(options.dataset)) if (records) store.load(collection, records);
  const identity = new SimulatorIdentity(options.credentials, (identifier) =>
    store.all('members').some((m) => String(m.identifier).toLowerCase() === identifier.toLowerCase() && m.inactiveFlag !== true),
  );

  const systemDeps = { store, version, isCloud: options.isCloud ?? false };
  const app = new Hono<SimulatorEnv>();
  app.use('*', async (c, next) => {
    const url = new URL(c.req.url);
    c.set('publicBaseUrl', `${url.protocol}//${url.host}`);
    await next();
  });

  // Codebase discovery needs no authentication (API.md §1.1).
  app.get('/login/companyinfo/:companyId', (c) => {
    if (c.req.param('companyId').toLowerCase() !== options.credentials.companyId.toLowerCase()) return c.json(manageErrors.noEndpoint(), 404);
    return c.json({
      CompanyName: options.credentials.companyId,
      Codebase: `${codebases[0]}/`,
      VersionCode: `v${version}`,
      VersionNumber: `v4.6.${version.replace('.', '')}`,
      CompanyID: options.credentials.companyId,
      IsCloud: options.isCloud ?? false,
    });
  });

  app.route('/', hostPageRoutes({ store, identity }));

  app.all('/:codebase/apis/3.0/*', async (c) => {
    const codebase = c.req.param('codebase');
    if (!codebases.includes(codebase)) return c.json(manageErrors.noEndpoint(), 404);
    c.header('api-current-version', version);
    c.header('x-cw-request-id', crypto.randomUUID());
    c.header('Cache-Control', 'no-cache');
    // Every call needs a clientId header since 2019 (API.md §1.2); headers are case-insensitive.
    if (!c.req.header('clientid')) return c.json(manageErrors.missingClientId(), 401);
    const caller = identity.authenticate(c.req.raw.headers);
    if (!caller) return c.json(manageErrors.unauthorized(), 401);
    c.set('caller', caller);
    c.set('codebase', codebase);
    const prefix = `/${codebase}/apis/3.0/`;
    const path = new URL(c.req.url).pathname;
    c.set('apiPath', decodeURIComponent(path.slice(prefix.length)).replace(/\/+$/, ''));
    return handleSystemRequest(c, systemDeps) ?? handleRestRequest(c, store);
  });

  return { app, store, identity };
}
