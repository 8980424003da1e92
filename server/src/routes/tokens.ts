import { Hono } from 'hono';
import { z } from 'zod';
import { and, eq, isNull } from 'drizzle-orm';
import { ALL_POWERS, POWERS, type Power } from '../../../shared/powers.js';
import type { AppEnv } from '../http/app-env.js';
import type { AppDeps } from '../app-deps.js';
import { validate } from '../http/validate.js';
import { issueToken } from '../auth/tokens.js';
import { apiTokens } from '../db/schema/index.js';
import { NotFoundError } from '../errors/domain-errors.js';
import { recordAudit } from '../audit/record-audit.js';

const PowerSchema = z.enum(ALL_POWERS as [Power, ...Power[]]);
const CreateToken = z.object({ name: z.string().trim().min(1).max(100), powers: z.array(PowerSchema).min(1).max(ALL_POWERS.length) });
const TokenId = z.object({ id: z.string().uuid() });

/** API tokens for batch jobs and the extension; managing them is a settings task. */
export function tokenRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const guard = deps.requirePower(POWERS.settings);

  app.get('/api/v1/tokens', guard, async (c) => {
    const rows = await deps.db
      .select({
        id: apiTokens.id,
        name: apiTokens.name,
        prefix: apiTokens.tokenPrefix,
        powers: apiTokens.powers,
        createdAt: apiTokens.createdAt,
      })
      .from(apiTokens)
      .where(and(eq(apiTokens.kind, 'api'), isNull(apiTokens.revokedAt)));
    return c.json({ tokens: rows });
  });

  app.post('/api/v1/tokens', guard, validate('json', CreateToken), async (c) => {
    const input = c.req.valid('json');
    const issued = await deps.db.transaction(async (tx) => {
      const result = await issueToken(tx, { name: input.name, kind: 'api', powers: input.powers, now: deps.clock() });
      await recordAudit(tx, {
        at: deps.clock(),
        actor: c.get('principal').name,
        action: 'token.created',
        entity: 'api_token',
        entityId: result.id,
        details: { name: input.name, powers: input.powers },
        requestId: c.get('requestId'),
      });
      return result;
    });
    return c.json({ id: issued.id, token: issued.token, name: input.name, powers: input.powers }, 201);
  });

  app.delete('/api/v1/tokens/:id', guard, validate('param', TokenId), async (c) => {
    const { id } = c.req.valid('param');
    const revoked = await deps.db.transaction(async (tx) => {
      const rows = await tx
        .update(apiTokens)
        .set({ revokedAt: deps.clock().toISOString() })
        .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
        .returning({ id: apiTokens.id });
      if (rows.length === 0) return false;
      await recordAudit(tx, {
        at: deps.clock(),
        actor: c.get('principal').name,
        action: 'token.revoked',
        entity: 'api_token',
        entityId: id,
        requestId: c.get('requestId'),
      });
      return true;
    });
    if (!revoked) throw new NotFoundError(`Token ${id} does not exist or is already revoked.`);
    return c.body(null, 204);
  });
  return app;
}
