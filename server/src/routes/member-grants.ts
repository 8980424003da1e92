import { Hono } from 'hono';
import { z } from 'zod';
import { ALL_POWERS, POWERS, type Power } from '../../../shared/powers.js';
import type { AppEnv } from '../http/app-env.js';
import type { AppDeps } from '../app-deps.js';
import { validate } from '../http/validate.js';
import { memberGrants } from '../db/schema/index.js';
import { recordAudit } from '../audit/record-audit.js';

const Identifier = z.object({ identifier: z.string().trim().min(1).max(100) });
const Grant = z.object({ powers: z.array(z.enum(ALL_POWERS as [Power, ...Power[]])).max(ALL_POWERS.length) });

/** Admins grant powers to ConnectWise members (used by member sessions in the pod). */
export function memberGrantRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const guard = deps.requirePower(POWERS.settings);

  app.get('/api/v1/member-grants', guard, async (c) => c.json({ grants: await deps.db.select().from(memberGrants) }));

  app.put('/api/v1/member-grants/:identifier', guard, validate('param', Identifier), validate('json', Grant), async (c) => {
    const { identifier } = c.req.valid('param');
    const { powers } = c.req.valid('json');
    const key = identifier.toLowerCase();
    const now = deps.clock().toISOString();
    const actor = c.get('principal').name;
    await deps.db.transaction(async (tx) => {
      await tx
        .insert(memberGrants)
        .values({ memberIdentifier: key, powers: [...new Set(powers)], grantedBy: actor, updatedAt: now })
        .onConflictDoUpdate({
          target: memberGrants.memberIdentifier,
          set: { powers: [...new Set(powers)], grantedBy: actor, updatedAt: now },
        });
      await recordAudit(tx, {
        at: deps.clock(),
        actor,
        action: 'member.powers.set',
        entity: 'member',
        entityId: key,
        details: { powers },
        requestId: c.get('requestId'),
      });
    });
    return c.json({ memberIdentifier: key, powers: [...new Set(powers)] });
  });
  return app;
}
