import { eq } from 'drizzle-orm';
import { auditLog } from '../../server/src/db/schema/index.js';
import { authHeader, type TestSystem } from '../helpers/start-test-system.js';

export interface ApiAnswer {
  status: number;
  body: any;
  /** The request's id (x-request-id), which its audit rows carry too. */
  requestId: string;
}

/** Calls the running system's API with a given bearer token; answers status, parsed body and request id. */
export function apiAs(system: TestSystem) {
  return async (token: string, method: string, path: string, body?: unknown): Promise<ApiAnswer> => {
    const response = await fetch(system.serverUrl + path, {
      method,
      headers: { ...authHeader(token), 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, requestId: response.headers.get('x-request-id') ?? '' };
  };
}

/** The audit rows one request wrote (the envelope and the audit trail share its request id). */
export function auditOfRequest(system: TestSystem, requestId: string) {
  return system.database.db.select().from(auditLog).where(eq(auditLog.requestId, requestId));
}

/** Opens a pod session for a simulator member with the hash Manage's Hosted API would hand the pod. */
export async function openMemberSession(system: TestSystem, memberid: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${system.serverUrl}/api/v1/sessions/member`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ memberid, memberHash: system.simulator!.identity.memberHashFor(memberid), memberContext: 'web' }),
  });
  return { status: response.status, body: await response.json() };
}
