import { eq } from 'drizzle-orm';
import { ALL_POWERS, type Power } from '../../../shared/powers.js';
import type { Db } from '../db/client.js';
import { apiTokens, memberGrants } from '../db/schema/index.js';
import { issueToken } from './tokens.js';

/**
 * On first start there is no way in: create one admin token holding every
 * power and hand it back once (it is stored only as a hash). This and the demo
 * grants below are the only issuers with no principal behind them, so the
 * rule that a caller hands out only powers it holds (assert-can-grant.ts) has
 * nothing to check here: it runs only while no API token was ever issued
 * (revoked ones count, so revoking every token does not mint a new admin one).
 */
export async function bootstrapAdminToken(db: Db, now: Date): Promise<string | null> {
  const [any] = await db.select({ id: apiTokens.id }).from(apiTokens).where(eq(apiTokens.kind, 'api')).limit(1);
  if (any) return null;
  const { token } = await issueToken(db, { name: 'bootstrap admin', kind: 'api', powers: ALL_POWERS, now });
  return token;
}

/**
 * Demo only (with the embedded simulator): give the simulator's members powers so the
 * pod works out of the box. A member that already has a grant keeps it as an admin set it.
 */
export async function grantDemoMembers(db: Db, now: Date, grants: Record<string, readonly Power[]>): Promise<void> {
  for (const [identifier, powers] of Object.entries(grants)) {
    await db
      .insert(memberGrants)
      .values({ memberIdentifier: identifier.toLowerCase(), powers: [...powers], grantedBy: 'demo set-up', updatedAt: now.toISOString() })
      .onConflictDoNothing();
  }
}
