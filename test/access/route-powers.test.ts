import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_POWERS, PARENT_POWER, type Power } from '../../shared/powers.js';
import { PUBLIC_ROUTES } from '../../server/src/app.js';
import { issueToken } from '../../server/src/auth/tokens.js';
import { startTestSystem, type TestSystem } from '../helpers/start-test-system.js';

/**
 * Walks every registered route: each one is either public by name or guarded
 * by a declared power, and proves 401 without a token and 403 without the
 * power. A route added without a power fails here.
 */
let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem();
});
afterAll(async () => system?.close());

interface RouteGroup {
  method: string;
  path: string;
  powers: Power[];
}

function registeredRoutes(): RouteGroup[] {
  const groups = new Map<string, RouteGroup>();
  for (const route of system.app.routes) {
    const key = `${route.method} ${route.path}`;
    const group = groups.get(key) ?? { method: route.method, path: route.path, powers: [] };
    const power = (route.handler as { requiredPower?: Power }).requiredPower;
    if (power) group.powers.push(power);
    groups.set(key, group);
  }
  return [...groups.values()].filter((g) => !(g.method === 'ALL' && g.path === '/*'));
}

const isPublic = (g: RouteGroup) => PUBLIC_ROUTES.some((p) => p.method === g.method && p.path === g.path);
const concretePath = (path: string) => path.replace(/:[A-Za-z]+(\{[^}]*\})?/g, '1');

async function call(g: RouteGroup, token?: string) {
  const response = await fetch(system.serverUrl + concretePath(g.path), {
    method: g.method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: g.method === 'GET' || g.method === 'DELETE' ? undefined : '{}',
  });
  return { status: response.status, body: (await response.json()) as { code: string; requestId: string } };
}

describe('every route declares its power', () => {
  it('has routes to check', () => {
    expect(registeredRoutes().filter((g) => !isPublic(g)).length).toBeGreaterThanOrEqual(6);
  });

  it('guards every non-public route with exactly one declared power', () => {
    const unguarded = registeredRoutes().filter((g) => !isPublic(g) && g.powers.length !== 1);
    expect(unguarded.map((g) => `${g.method} ${g.path}`)).toEqual([]);
  });

  it('answers 401 with the error envelope when no token is presented', async () => {
    for (const g of registeredRoutes().filter((r) => !isPublic(r))) {
      const { status, body } = await call(g);
      expect({ route: `${g.method} ${g.path}`, status, code: body.code }).toEqual({
        route: `${g.method} ${g.path}`,
        status: 401,
        code: 'unauthorized',
      });
      expect(body.requestId).toMatch(/.{8,}/);
    }
  });

  it('answers 401 for an unknown token', async () => {
    for (const g of registeredRoutes().filter((r) => !isPublic(r))) {
      expect((await call(g, 'cwb_not-a-real-token')).status).toBe(401);
    }
  });

  it('answers 403 to a token holding every power but the one the route needs (or its parent)', async () => {
    for (const g of registeredRoutes().filter((r) => !isPublic(r))) {
      const needed = g.powers[0];
      const withoutNeeded = await issueToken(system.database.db, {
        name: `lacks ${needed}`,
        kind: 'api',
        powers: ALL_POWERS.filter((p) => p !== needed),
        now: system.clock(),
      });
      expect({ route: `${g.method} ${g.path}`, status: (await call(g, withoutNeeded.token)).status }).toEqual({
        route: `${g.method} ${g.path}`,
        status: 403,
      });
      const withoutParent = await issueToken(system.database.db, {
        name: 'lacks parent',
        kind: 'api',
        powers: ALL_POWERS.filter((p) => p !== PARENT_POWER),
        now: system.clock(),
      });
      const answer = await call(g, withoutParent.token);
      expect({ route: `${g.method} ${g.path}`, status: answer.status, code: answer.body.code }).toEqual({
        route: `${g.method} ${g.path}`,
        status: 403,
        code: 'forbidden',
      });
    }
  });
});
