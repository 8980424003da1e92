import { Hono } from 'hono';
import { z } from 'zod';
import { eq } from 'drizzle-orm';
import { isPower } from '../../../shared/powers.js';
import type { AppEnv } from '../http/app-env.js';
import type { ResolvedAppDeps } from '../app-deps.js';
import { validate } from '../http/validate.js';
import { verifyMemberHash } from '../auth/verify-member.js';
import { issueToken } from '../auth/tokens.js';
import { FailureLimiter } from '../auth/failure-limiter.js';
import { MemberVerificationCache } from '../auth/member-verification-cache.js';
import { memberGrants } from '../db/schema/index.js';
import { ForbiddenError, RateLimitedError, UnauthorizedError } from '../errors/domain-errors.js';

/** The Hosted API's member authentication data (docs/connectwise/hosted-api.md#message-protocol), bounded as TW-S does. */
const MemberAuth = z.object({
  memberid: z.string().trim().min(1).max(100),
  memberHash: z.string().min(1).max(2048),
  memberContext: z.string().max(4096).optional(),
  companyid: z.string().max(100).optional(),
});

const SESSION_TTL_SECONDS = 8 * 60 * 60;

/**
 * Opens a short-lived session for the ConnectWise member signed in to Manage.
 * Public by necessity: it is how a pod signs in. Its powers are the ones an
 * admin granted to that member; while it is open they are re-read from the
 * grant on every call, so removing or reducing the grant bites at once
 * (auth/effective-powers.ts).
 */
export function sessionRoutes(deps: ResolvedAppDeps) {
  const app = new Hono<AppEnv>();
  const perMember = new FailureLimiter(5, 60_000);
  const global = new FailureLimiter(50, 60_000);
  const verified = new MemberVerificationCache();

  app.post('/api/v1/sessions/member', validate('json', MemberAuth), async (c) => {
    const input = c.req.valid('json');
    const now = deps.clock().getTime();
    const memberKey = input.memberid.toLowerCase();
    if (perMember.isBlocked(memberKey, now) || global.isBlocked('all', now)) {
      throw new RateLimitedError('Too many failed sign-ins; wait a minute and reload the pod.');
    }
    let verdict = verified.get(input.memberid, input.memberHash, now);
    if (!verdict) {
      verdict = await verifyMemberHash(deps.cw, input.memberid, input.memberHash);
      verified.set(input.memberid, input.memberHash, verdict, now);
    }
    if (!verdict.ok) {
      perMember.recordFailure(memberKey, now);
      global.recordFailure('all', now);
      throw new UnauthorizedError('ConnectWise did not confirm this member. Reload the ConnectWise screen and try again.');
    }
    perMember.reset(memberKey);
    const [grant] = await deps.db.select().from(memberGrants).where(eq(memberGrants.memberIdentifier, memberKey)).limit(1);
    const powers = (grant?.powers ?? []).filter(isPower);
    if (powers.length === 0) {
      throw new ForbiddenError(`${verdict.fullName} has no billing powers yet. An admin grants them under Settings > Members.`, {
        member: verdict.identifier,
      });
    }
    const session = await issueToken(deps.db, {
      name: `member:${verdict.identifier}`,
      kind: 'session',
      powers,
      memberIdentifier: memberKey,
      now: deps.clock(),
      ttlSeconds: SESSION_TTL_SECONDS,
    });
    deps.memberCredentials.remember(session.id, input.memberid, input.memberHash, deps.clock().getTime() + SESSION_TTL_SECONDS * 1000);
    return c.json(
      {
        token: session.token,
        expiresAt: session.expiresAt,
        member: { identifier: verdict.identifier, fullName: verdict.fullName },
        powers,
      },
      201,
    );
  });
  return app;
}
