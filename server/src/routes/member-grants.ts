import { Hono } from 'hono';
import { z } from 'zod';
import { eq } from 'drizzle-orm';
import { ALL_POWERS, POWERS, isPower, type Power } from '../../../shared/powers.js';
import type { AppEnv } from '../http/app-env.js';
import type { AppDeps } from '../app-deps.js';
import { validate } from '../http/validate.js';
import { memberGrants } from '../db/schema/index.js';
import { recordAudit } from '../audit/record-audit.js';
import { assertCanGrant, changedPowers } from '../auth/assert-can-grant.js';

const Identifier = z.object({ identifier: z.string().trim().min(1).max(100) });
const Grant = z.object({ powers: z.array(z.enum(ALL_POWERS as [Power, ...Power[]])).max(ALL_POWERS.length) });

/**
 * Admins grant powers to ConnectWise members (used by member sessions in the pod). A
 * caller may add or take away only powers it holds itself (auth/assert-can-grant.ts);
 * a change takes effect on the member's open sessions at their next call (auth/effective-powers.ts).
 */
export function memberGrantRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const guard = deps.requirePower(POWERS.settings);

  app.get('/api/v1/member-grants', guard, async (c) => c.json({ grants: await deps.db.select().from(memberGrants) }));

  app.put('/api/v1/member-grants/:identifier', guard, validate('param', Identifier), validate('json', Grant), async (c) => {
    const { identifier } = c.req.valid('param');
    const after = [...new Set(c.req.valid('json').powers)];
    const key = identifier.toLowerCase();
    const now = deps.clock().toISOString();
    const principal = c.get('principal');
    const actor = principal.name;
    await deps.db.transaction(async (tx) => {
      const [current] = await tx
        .select({ powers: memberGrants.powers })
        .from(memberGrants)
        .where(eq(memberGrants.memberIdentifier, key))
        .limit(1);
      const before = (current?.powers ?? []).filter(isPower);
      // Checked in the transaction, against the grant as it stands: a refusal writes nothing.
      assertCanGrant(principal.powers, { before, after }, `change ${key}'s powers`);
      await tx
        .insert(memberGrants)
        .values({ memberIdentifier: key, powers: after, grantedBy: actor, updatedAt: now })
        .onConflictDoUpdate({ target: memberGrants.memberIdentifier, set: { powers: after, grantedBy: actor, updatedAt: now } });
      const changed = changedPowers({ before, after });
      await recordAudit(tx, {
        at: deps.clock(),
        actor,
        action: 'member.powers.set',
        entity: 'member',
        entityId: key,
        details: {
          before,
          after,
          added: changed.filter((p) => !before.includes(p)),
          removed: changed.filter((p) => before.includes(p)),
          actorTokenId: principal.tokenId,
        },
        requestId: c.get('requestId'),
      });
    });
    return c.json({ memberIdentifier: key, powers: after });
  });
  return app;
}
