import { Hono } from 'hono';
import { z } from 'zod';
import { and, eq, isNull } from 'drizzle-orm';
import { ALL_POWERS, POWERS, isPower, type Power } from '../../../shared/powers.js';
import type { AppEnv } from '../http/app-env.js';
import type { AppDeps } from '../app-deps.js';
import { validate } from '../http/validate.js';
import { issueToken } from '../auth/tokens.js';
import { apiTokens } from '../db/schema/index.js';
import { NotFoundError } from '../errors/domain-errors.js';
import { recordAudit } from '../audit/record-audit.js';
import { assertCanGrant } from '../auth/assert-can-grant.js';

const PowerSchema = z.enum(ALL_POWERS as [Power, ...Power[]]);
const CreateToken = z.object({ name: z.string().trim().min(1).max(100), powers: z.array(PowerSchema).min(1).max(ALL_POWERS.length) });
const TokenId = z.object({ id: z.string().uuid() });

/**
 * API tokens for batch jobs and the extension; managing them is a settings task, and a
 * caller issues or revokes only tokens whose powers it holds itself (auth/assert-can-grant.ts).
 */
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
    const principal = c.get('principal');
    const powers = [...new Set(input.powers)];
    assertCanGrant(principal.powers, { before: [], after: powers }, 'issue this token');
    // A token a member mints stays bound to that member's grant, so taking the member's
    // powers away also takes them from every token the member handed out.
    const memberIdentifier = principal.kind === 'session' ? principal.memberIdentifier : null;
    const issued = await deps.db.transaction(async (tx) => {
      const result = await issueToken(tx, { name: input.name, kind: 'api', powers, memberIdentifier, now: deps.clock() });
      await recordAudit(tx, {
        at: deps.clock(),
        actor: principal.name,
        action: 'token.created',
        entity: 'api_token',
        entityId: result.id,
        details: { name: input.name, powers, memberIdentifier, actorTokenId: principal.tokenId },
        requestId: c.get('requestId'),
      });
      return result;
    });
    return c.json({ id: issued.id, token: issued.token, name: input.name, powers }, 201);
  });

  app.delete('/api/v1/tokens/:id', guard, validate('param', TokenId), async (c) => {
    const { id } = c.req.valid('param');
    const principal = c.get('principal');
    await deps.db.transaction(async (tx) => {
      const [token] = await tx
        .select({ name: apiTokens.name, kind: apiTokens.kind, powers: apiTokens.powers })
        .from(apiTokens)
        .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
        .limit(1);
      if (!token) throw new NotFoundError(`Token ${id} does not exist or is already revoked.`);
      // Revoking takes every power the token holds away, so the caller must hold them all.
      const powers = token.powers.filter(isPower);
      assertCanGrant(principal.powers, { before: powers, after: [] }, 'revoke this token');
      const revoked = await tx
        .update(apiTokens)
        .set({ revokedAt: deps.clock().toISOString() })
        .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
        .returning({ id: apiTokens.id });
      // Another request revoked it between the read and this write.
      if (revoked.length === 0) throw new NotFoundError(`Token ${id} does not exist or is already revoked.`);
      await recordAudit(tx, {
        at: deps.clock(),
        actor: principal.name,
        action: 'token.revoked',
        entity: 'api_token',
        entityId: id,
        details: { name: token.name, kind: token.kind, powers, actorTokenId: principal.tokenId },
        requestId: c.get('requestId'),
      });
    });
    return c.body(null, 204);
  });
  return app;
}
