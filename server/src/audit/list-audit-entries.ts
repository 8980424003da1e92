import { and, asc, eq, gt, gte, lt, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { auditLog } from '../db/schema/index.js';

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  actor?: string;
  action?: string;
  requestId?: string;
  /** `at` on or after this instant (an ISO string as recordAudit writes them). */
  atOrAfter?: string;
  /** `at` strictly before this instant. */
  before?: string;
}

export type AuditEntryRow = typeof auditLog.$inferSelect;

/**
 * Audit entries after `afterId` in id order (the order they were written), at most `limit`.
 * Pages walk the primary key; an entity with its id goes through the entity index, which
 * keeps id order within one record.
 */
export async function listAuditEntries(db: DbOrTx, page: { afterId: number; limit: number } & AuditFilter): Promise<AuditEntryRow[]> {
  const where: SQL[] = [gt(auditLog.id, page.afterId)];
  if (page.entity !== undefined) where.push(eq(auditLog.entity, page.entity));
  if (page.entityId !== undefined) where.push(eq(auditLog.entityId, page.entityId));
  if (page.actor !== undefined) where.push(eq(auditLog.actor, page.actor));
  if (page.action !== undefined) where.push(eq(auditLog.action, page.action));
  if (page.requestId !== undefined) where.push(eq(auditLog.requestId, page.requestId));
  if (page.atOrAfter !== undefined) where.push(gte(auditLog.at, page.atOrAfter));
  if (page.before !== undefined) where.push(lt(auditLog.at, page.before));
  return db
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(asc(auditLog.id))
    .limit(page.limit);
}
