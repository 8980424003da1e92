import type { MiddlewareHandler } from 'hono';
import { PARENT_POWER, type Power } from '../../../shared/powers.js';
import type { Db } from '../db/client.js';
import { ForbiddenError, UnauthorizedError } from '../errors/domain-errors.js';
import type { AppEnv } from './app-env.js';
import { principalForToken } from '../auth/tokens.js';

/** Middleware that also tells, for the route table test, which power it enforces. */
export type PowerGuard = MiddlewareHandler<AppEnv> & { requiredPower: Power };

export interface GuardDeps {
  db: Db;
  clock: () => Date;
}

/**
 * Every module route declares the power it needs. ConnectWise Integration is
 * the parent: a principal without it is refused whatever else it holds.
 */
export function makeRequirePower(deps: GuardDeps) {
  return function requirePower(power: Power): PowerGuard {
    const guard: MiddlewareHandler<AppEnv> = async (c, next) => {
      const header = c.req.header('authorization') ?? '';
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) throw new UnauthorizedError();
      const principal = await principalForToken(deps.db, match[1], deps.clock());
      if (!principal) throw new UnauthorizedError('The bearer token is unknown, revoked or expired.');
      const missing = [PARENT_POWER, power].filter((p) => !principal.powers.has(p));
      if (missing.length > 0) {
        throw new ForbiddenError(`This action needs the power "${missing.join('" and "')}".`, { missing: [...new Set(missing)] });
      }
      c.set('principal', principal);
      await next();
    };
    return Object.assign(guard, { requiredPower: power });
  };
}

export type RequirePower = ReturnType<typeof makeRequirePower>;
