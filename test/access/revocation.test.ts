import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { ALL_POWERS, POWERS } from '../../shared/powers.js';
import { createApp } from '../../server/src/app.js';
import { hashToken } from '../../server/src/auth/tokens.js';
import { openDatabase, type Database } from '../../server/src/db/client.js';
import { apiTokens } from '../../server/src/db/schema/index.js';
import { makeRequirePower } from '../../server/src/http/require-power.js';
import { startTestSystem, type TestSystem } from '../helpers/start-test-system.js';
import { apiAs, auditOfRequest, openMemberSession } from './access-api.js';

/**
 * Taking access away bites on the next call: a member whose grant is reduced or removed
 * loses those powers in the sessions already open (and in the API tokens the member
 * minted), and a revoked API token answers 401. Nothing is cached, so the delay is the
 * time to the next request, in this process and in another one on the same database.
 */
let system: TestSystem;
let api: ReturnType<typeof apiAs>;
beforeAll(async () => {
  system = await startTestSystem();
  api = apiAs(system);
});
afterAll(async () => system?.close());

const grant = async (member: string, powers: readonly string[]) => {
  const answer = await api(system.adminToken, 'PUT', `/api/v1/member-grants/${member}`, { powers });
  expect(answer.status).toBe(200);
  return answer;
};
const QUARANTINE_ROUTE = '/api/v1/connectwise/quarantine-summary';

describe('a member session after its grant changes', () => {
  it('loses a removed power on its very next call, without the clock moving on', async () => {
    await grant('jsmith', [POWERS.integration, POWERS.quarantine]);
    const session = await openMemberSession(system, 'jsmith');
    expect(session.status).toBe(201);
    const token = session.body.token as string;
    expect((await api(token, 'GET', QUARANTINE_ROUTE)).status).toBe(200);

    const openedAt = system.clock().getTime();
    const reduced = await grant('jsmith', [POWERS.integration]);
    const me = await api(token, 'GET', '/api/v1/me');
    const refused = await api(token, 'GET', QUARANTINE_ROUTE);
    // Measured on the system's clock: the power is gone well inside a minute of the change.
    expect(system.clock().getTime() - openedAt).toBeLessThan(60_000);
    expect(me.body.powers).toEqual([POWERS.integration]);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'forbidden', details: { missing: [POWERS.quarantine] } });

    const [audit] = await auditOfRequest(system, reduced.requestId);
    expect(audit.details).toMatchObject({
      before: [POWERS.integration, POWERS.quarantine],
      after: [POWERS.integration],
      removed: [POWERS.quarantine],
    });
  });

  it('gets back only what it was opened with when the grant grows again', async () => {
    await grant('mchen', [POWERS.integration, POWERS.quarantine]);
    const session = await openMemberSession(system, 'mchen');
    await grant('mchen', [POWERS.integration]);
    await grant('mchen', ALL_POWERS);
    expect((await api(session.body.token, 'GET', '/api/v1/me')).body.powers).toEqual([POWERS.integration, POWERS.quarantine]);
  });

  it('stops working altogether when the grant is emptied', async () => {
    await grant('pnatarajan', [POWERS.integration]);
    const session = await openMemberSession(system, 'pnatarajan');
    expect((await api(session.body.token, 'GET', '/api/v1/me')).status).toBe(200);
    await grant('pnatarajan', []);
    const answer = await api(session.body.token, 'GET', '/api/v1/me');
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ code: 'forbidden', details: { missing: [POWERS.integration] } });
  });

  it('follows a grant changed by another process on the same database', async () => {
    const other = await otherProcess();
    try {
      await grant('tkowalski', [POWERS.integration, POWERS.quarantine]);
      const session = await openMemberSession(system, 'tkowalski');
      expect((await api(session.body.token, 'GET', QUARANTINE_ROUTE)).status).toBe(200);
      const changed = await other.app.request('/api/v1/member-grants/tkowalski', {
        method: 'PUT',
        headers: { authorization: `Bearer ${system.adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ powers: [POWERS.integration] }),
      });
      expect(changed.status).toBe(200);
      expect((await api(session.body.token, 'GET', QUARANTINE_ROUTE)).status).toBe(403);
    } finally {
      other.database.close();
    }
  });

  it('takes the powers from an API token the member minted too', async () => {
    await grant('admin', ALL_POWERS);
    const session = await openMemberSession(system, 'admin');
    const minted = await api(session.body.token, 'POST', '/api/v1/tokens', { name: 'minted by admin', powers: [POWERS.integration] });
    expect(minted.status).toBe(201);
    expect((await api(minted.body.token, 'GET', '/api/v1/me')).body).toMatchObject({ kind: 'api', memberIdentifier: 'admin' });
    await grant('admin', []);
    expect((await api(minted.body.token, 'GET', '/api/v1/me')).status).toBe(403);
    await grant('admin', ALL_POWERS);
    expect((await api(minted.body.token, 'GET', '/api/v1/me')).body.powers).toEqual([POWERS.integration]);
  });
});

describe('a revoked token', () => {
  it('answers 401 on the next call, and the revocation is audited with who did it', async () => {
    const issued = await api(system.adminToken, 'POST', '/api/v1/tokens', { name: 'nightly export', powers: [POWERS.integration] });
    expect((await api(issued.body.token, 'GET', '/api/v1/me')).status).toBe(200);
    const revoked = await api(system.adminToken, 'DELETE', `/api/v1/tokens/${issued.body.id}`);
    expect(revoked.status).toBe(204);
    const answer = await api(issued.body.token, 'GET', '/api/v1/me');
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ code: 'unauthorized', requestId: answer.requestId });
    const [audit] = await auditOfRequest(system, revoked.requestId);
    expect(audit).toMatchObject({ actor: 'bootstrap admin', action: 'token.revoked', entityId: issued.body.id });
    expect(audit.details).toMatchObject({ name: 'nightly export', kind: 'api', powers: [POWERS.integration] });
  });

  it('lets a caller revoke a token whose powers it holds; the list no longer shows it', async () => {
    const limited = await api(system.adminToken, 'POST', '/api/v1/tokens', {
      name: 'settings admin',
      powers: [POWERS.integration, POWERS.settings],
    });
    const issued = await api(limited.body.token, 'POST', '/api/v1/tokens', { name: 'batch', powers: [POWERS.integration] });
    expect((await api(limited.body.token, 'DELETE', `/api/v1/tokens/${issued.body.id}`)).status).toBe(204);
    expect((await api(issued.body.token, 'GET', '/api/v1/me')).status).toBe(401);
    const list = (await api(system.adminToken, 'GET', '/api/v1/tokens')).body.tokens as Array<{ id: string }>;
    expect(list.map((t) => t.id)).not.toContain(issued.body.id);
    expect((await api(limited.body.token, 'DELETE', `/api/v1/tokens/${issued.body.id}`)).status).toBe(404);
  });

  it('ends a member session on its next call', async () => {
    await grant('jsmith', [POWERS.integration]);
    const session = await openMemberSession(system, 'jsmith');
    const me = await api(session.body.token, 'GET', '/api/v1/me');
    expect(me.status).toBe(200);
    const sessionId = await sessionTokenId(session.body.token);
    expect((await api(system.adminToken, 'DELETE', `/api/v1/tokens/${sessionId}`)).status).toBe(204);
    expect((await api(session.body.token, 'GET', '/api/v1/me')).status).toBe(401);
  });
});

/** A second server on the same database file, with its own memory, as another process would be. */
async function otherProcess(): Promise<{ app: ReturnType<typeof createApp>; database: Database }> {
  const database = await openDatabase(`file:${system.dbFile}`);
  const app = createApp({
    db: database.db,
    cw: system.cw,
    clock: system.clock,
    requirePower: makeRequirePower({ db: database.db, clock: system.clock }),
    config: { manageUiOrigins: [], podAssetsDir: 'dist/pod', cwCompanyId: 'demo', currency: 'AUD' },
  });
  return { app, database };
}

/** Session tokens are not listed by the API; their id is found by hash, as the server does. */
async function sessionTokenId(token: string): Promise<string> {
  const [row] = await system.database.db
    .select({ id: apiTokens.id })
    .from(apiTokens)
    .where(eq(apiTokens.tokenHash, hashToken(token)));
  return row.id;
}
