import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { apiTokens, memberGrants } from '../db/schema/index.js';
import type { Power } from '../../../shared/powers.js';
import type { Principal } from './principal.js';
import { effectivePowers } from './effective-powers.js';

const TOKEN_PREFIX = 'cwb_';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface IssueTokenInput {
  name: string;
  kind: 'api' | 'session';
  powers: readonly Power[];
  /** The ConnectWise member whose grant bounds the token's powers for as long as it lives (see effective-powers.ts). */
  memberIdentifier?: string | null;
  now: Date;
  ttlSeconds?: number;
}

/** Creates a token and stores only its hash; the clear token is returned once. */
export async function issueToken(db: DbOrTx, input: IssueTokenInput): Promise<{ id: string; token: string; expiresAt: string | null }> {
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const id = randomUUID();
  const expiresAt = input.ttlSeconds ? new Date(input.now.getTime() + input.ttlSeconds * 1000).toISOString() : null;
  await db.insert(apiTokens).values({
    id,
    name: input.name,
    kind: input.kind,
    tokenHash: hashToken(token),
    tokenPrefix: token.slice(0, TOKEN_PREFIX.length + 6),
    powers: [...input.powers],
    memberIdentifier: input.memberIdentifier ?? null,
    createdAt: input.now.toISOString(),
    expiresAt,
  });
  return { id, token, expiresAt };
}

/**
 * Resolves a presented bearer token to its principal, or null when unknown, revoked or
 * expired. Nothing here is cached: a revoked token fails on its next call, and the
 * member's grant is read in the same query, so a removed or reduced grant does too.
 */
export async function principalForToken(db: DbOrTx, token: string, now: Date): Promise<Principal | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const [row] = await db
    .select({
      id: apiTokens.id,
      kind: apiTokens.kind,
      name: apiTokens.name,
      powers: apiTokens.powers,
      memberIdentifier: apiTokens.memberIdentifier,
      expiresAt: apiTokens.expiresAt,
      grant: memberGrants.powers,
    })
    .from(apiTokens)
    .leftJoin(memberGrants, eq(memberGrants.memberIdentifier, apiTokens.memberIdentifier))
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt)))
    .limit(1);
  if (!row) return null;
  if (row.expiresAt && row.expiresAt <= now.toISOString()) return null;
  return {
    tokenId: row.id,
    kind: row.kind,
    name: row.name,
    powers: effectivePowers(row.powers, row.memberIdentifier === null ? null : { grant: row.grant }),
    memberIdentifier: row.memberIdentifier,
  };
}
