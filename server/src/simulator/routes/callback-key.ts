import { Hono } from 'hono';
import type { CallbackDispatcher } from '../callbacks/delivery.js';
import { manageErrors } from '../manage-errors.js';

/**
 * The `Metadata.key_url` of every callback payload:
 * `/{codebase}//system/callbackkey/index.rails?companyName=…&id=…` (the real
 * payloads carry the double slash) answering `{"signing_key": "..."}` (DG;
 * AMP `verifier.go`, docs/connectwise/callbacks.md). Receivers fetch it to verify
 * `x-content-signature`.
 */
const KEY_PATH = /^\/[^/]+\/+system\/callbackkey\/index\.rails$/i;

export function callbackKeyRoutes(deps: { callbacks: CallbackDispatcher; companyId: string }): Hono {
  const app = new Hono();
  app.get('*', async (c, next) => {
    const url = new URL(c.req.url);
    if (!KEY_PATH.test(url.pathname)) return next();
    const company = url.searchParams.get('companyName') ?? '';
    if (url.searchParams.get('id') !== deps.callbacks.keyId || company.toLowerCase() !== deps.companyId.toLowerCase()) {
      return c.json(manageErrors.noEndpoint(), 404);
    }
    return c.json({ signing_key: deps.callbacks.signingKey });
  });
  return app;
}
