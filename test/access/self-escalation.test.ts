import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_POWERS, POWERS } from '../../shared/powers.js';
import { startTestSystem, type TestSystem } from '../helpers/start-test-system.js';
import { apiAs, auditOfRequest, openMemberSession, type ApiAnswer } from './access-api.js';

/**
 * Nobody hands out or takes away a power they do not hold: not through API tokens, not
 * through member grants, not by revoking a stronger token. A refusal is a 403 envelope
 * naming the powers, and nothing changes: no token, no grant, no audit row.
 */
let system: TestSystem;
let api: ReturnType<typeof apiAs>;
/** Holds the parent and Settings Management only: may manage tokens and grants, nothing else. */
let settingsAdmin: { id: string; token: string };
const SETTINGS_ADMIN_POWERS = [POWERS.integration, POWERS.settings];
const NOT_HELD = [POWERS.contactEditing, POWERS.mappings, POWERS.quarantine];

beforeAll(async () => {
  system = await startTestSystem();
  api = apiAs(system);
  const issued = await api(system.adminToken, 'POST', '/api/v1/tokens', { name: 'settings admin', powers: SETTINGS_ADMIN_POWERS });
  expect(issued.status).toBe(201);
  settingsAdmin = { id: issued.body.id, token: issued.body.token };
});
afterAll(async () => system?.close());

const tokenList = async () => (await api(system.adminToken, 'GET', '/api/v1/tokens')).body.tokens;
const grantOf = async (member: string) =>
  ((await api(system.adminToken, 'GET', '/api/v1/member-grants')).body.grants as Array<{ memberIdentifier: string }>).find(
    (g) => g.memberIdentifier === member,
  );

function expectRefused(answer: ApiAnswer, notHeld: string[]) {
  expect(answer.status).toBe(403);
  expect(answer.body).toMatchObject({ code: 'forbidden', details: { notHeld } });
  expect(answer.body.requestId).toBe(answer.requestId);
  expect(answer.requestId).toMatch(/.{8,}/);
  for (const power of notHeld) expect(answer.body.message).toContain(power);
}

describe('issuing API tokens', () => {
  it('refuses a token with powers the caller does not hold, and creates nothing', async () => {
    const before = await tokenList();
    const answer = await api(settingsAdmin.token, 'POST', '/api/v1/tokens', { name: 'all five', powers: ALL_POWERS });
    expectRefused(answer, NOT_HELD);
    expect(await tokenList()).toEqual(before);
    expect(await auditOfRequest(system, answer.body.requestId)).toEqual([]);
  });

  it('refuses even one power not held among held ones', async () => {
    const answer = await api(settingsAdmin.token, 'POST', '/api/v1/tokens', {
      name: 'one more',
      powers: [POWERS.integration, POWERS.quarantine],
    });
    expectRefused(answer, [POWERS.quarantine]);
  });

  it('issues a token with a subset of what the caller holds, audited with the actor', async () => {
    const answer = await api(settingsAdmin.token, 'POST', '/api/v1/tokens', { name: 'batch job', powers: [POWERS.integration] });
    expect(answer.status).toBe(201);
    expect((await api(answer.body.token, 'GET', '/api/v1/me')).body.powers).toEqual([POWERS.integration]);
    const [audit] = await auditOfRequest(system, answer.requestId);
    expect(audit).toMatchObject({ actor: 'settings admin', action: 'token.created', entityId: answer.body.id });
    expect(audit.details).toMatchObject({ powers: [POWERS.integration], actorTokenId: settingsAdmin.id });
  });
});

describe('revoking API tokens', () => {
  it('refuses to revoke a token holding powers the caller does not, which keeps working', async () => {
    const strong = await api(system.adminToken, 'POST', '/api/v1/tokens', { name: 'strong', powers: ALL_POWERS });
    const answer = await api(settingsAdmin.token, 'DELETE', `/api/v1/tokens/${strong.body.id}`);
    expectRefused(answer, NOT_HELD);
    expect(await auditOfRequest(system, answer.body.requestId)).toEqual([]);
    expect((await api(strong.body.token, 'GET', '/api/v1/me')).status).toBe(200);
  });
});

describe('granting powers to members', () => {
  it('refuses to grant a power the caller does not hold, and leaves the grant as it was', async () => {
    const before = await grantOf('jsmith');
    const answer = await api(settingsAdmin.token, 'PUT', '/api/v1/member-grants/jsmith', {
      powers: [POWERS.integration, POWERS.quarantine],
    });
    expectRefused(answer, [POWERS.quarantine]);
    expect(await grantOf('jsmith')).toEqual(before);
    expect(await auditOfRequest(system, answer.body.requestId)).toEqual([]);
  });

  it('refuses to create a grant for a new member with a power the caller does not hold', async () => {
    const answer = await api(settingsAdmin.token, 'PUT', '/api/v1/member-grants/newcomer', { powers: ALL_POWERS });
    expectRefused(answer, NOT_HELD);
    expect(await grantOf('newcomer')).toBeUndefined();
  });

  it("refuses to take away a power the caller does not hold (a quarantine clerk's)", async () => {
    const clerk = [POWERS.integration, POWERS.quarantine];
    expect((await api(system.adminToken, 'PUT', '/api/v1/member-grants/pnatarajan', { powers: clerk })).status).toBe(200);
    const before = await grantOf('pnatarajan');
    const answer = await api(settingsAdmin.token, 'PUT', '/api/v1/member-grants/pnatarajan', { powers: [POWERS.integration] });
    expectRefused(answer, [POWERS.quarantine]);
    expect(await grantOf('pnatarajan')).toEqual(before);
    expect(await auditOfRequest(system, answer.body.requestId)).toEqual([]);
  });

  it('lets the caller change the powers it holds while leaving the others alone, audited before and after', async () => {
    const answer = await api(settingsAdmin.token, 'PUT', '/api/v1/member-grants/pnatarajan', {
      powers: [POWERS.integration, POWERS.quarantine, POWERS.settings],
    });
    expect(answer.status).toBe(200);
    expect(answer.body.powers).toEqual([POWERS.integration, POWERS.quarantine, POWERS.settings]);
    expect(await grantOf('pnatarajan')).toMatchObject({ grantedBy: 'settings admin' });
    const [audit] = await auditOfRequest(system, answer.requestId);
    expect(audit).toMatchObject({ actor: 'settings admin', action: 'member.powers.set', entity: 'member', entityId: 'pnatarajan' });
    expect(audit.details).toEqual({
      before: [POWERS.integration, POWERS.quarantine],
      after: [POWERS.integration, POWERS.quarantine, POWERS.settings],
      added: [POWERS.settings],
      removed: [],
      actorTokenId: settingsAdmin.id,
    });
  });

  it('refuses a member session the same way as an API token', async () => {
    const grant = [POWERS.integration, POWERS.settings];
    expect((await api(system.adminToken, 'PUT', '/api/v1/member-grants/tkowalski', { powers: grant })).status).toBe(200);
    const session = await openMemberSession(system, 'tkowalski');
    expect(session.status).toBe(201);
    expectRefused(await api(session.body.token, 'PUT', '/api/v1/member-grants/tkowalski', { powers: ALL_POWERS }), NOT_HELD);
    expectRefused(await api(session.body.token, 'POST', '/api/v1/tokens', { name: 'mine', powers: ALL_POWERS }), NOT_HELD);
    expect(await grantOf('tkowalski')).toMatchObject({ powers: grant });
  });
});
