import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import type { AppEnv } from '../http/app-env.js';
import type { AppDeps } from '../app-deps.js';

/**
 * The pod's files, which Manage frames (Hosted API). Public: the pod signs in
 * afterwards with the member hash Manage gives it. Framing is allowed for the
 * configured Manage origins only.
 */
export function podRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const frameAncestors = ["'self'", ...deps.config.manageUiOrigins].join(' ');

  app.use('/pod/*', async (c, next) => {
    await next();
    c.header('Content-Security-Policy', `frame-ancestors ${frameAncestors}`);
    c.res.headers.delete('X-Frame-Options');
  });
  app.get('/pod-config.json', (c) => c.json({ manageOrigins: deps.config.manageUiOrigins }));
  app.get('/pod', (c) => c.redirect(`/pod/${new URL(c.req.url).search}`));
  app.get(
    '/pod/*',
    serveStatic({
      root: deps.config.podAssetsDir,
      rewriteRequestPath: (path) => path.replace(/^\/pod/, '') || '/index.html',
      index: 'index.html',
    }),
  );
  return app;
}
