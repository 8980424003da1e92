import { describe, expect, it } from 'vitest';
import { demoSimulator, manageRequest } from '../testing/manage-request.js';

/** The real create request (AMP `create/tickets/request.json`), docs/connectwise/callbacks.md. */
const AMP_REQUEST = {
  id: 0,
  inactiveFlag: false,
  url: 'https://test.com/webhook?recordId=',
  objectId: 0,
  type: 'ticket',
  level: 'owner',
  payloadVersion: '3.0.0',
  memberId: 0,
  isSelfSuppressedFlag: false,
  connectWiseID: '',
};

describe('callback registration', () => {
  it('coerces objectId to 1 at owner level and sets what Manage sets', async () => {
    const sim = demoSimulator();
    const response = await manageRequest(sim, 'system/callbacks', { method: 'POST', body: AMP_REQUEST });
    expect(response.status).toBe(201);
    const created = (await response.json()) as Record<string, unknown>;
    expect(created).toMatchObject({
      url: AMP_REQUEST.url,
      objectId: 1,
      type: 'ticket',
      level: 'owner',
      payloadVersion: '3.0.0',
      isSoapCallbackFlag: false,
      inactiveFlag: false,
    });
    expect(created.connectWiseID).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.id).toBeGreaterThan(0);
    expect(created._info).toMatchObject({ updatedBy: 'APIMember' });
  });

  it('refuses a duplicate url + type + level + objectId with ObjectExists', async () => {
    const sim = demoSimulator();
    await manageRequest(sim, 'system/callbacks', { method: 'POST', body: AMP_REQUEST });
    const again = await manageRequest(sim, 'system/callbacks', { method: 'POST', body: { ...AMP_REQUEST, objectId: 55 } });
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual({
      code: 'InvalidObject',
      message: 'callbackEntry object is invalid',
      errors: [{ code: 'ObjectExists', message: 'A matching callback entry already exists', resource: 'callbackEntry', field: 'objectId' }],
    });
    // Another level or objectId is another registration.
    const byBoard = await manageRequest(sim, 'system/callbacks', { method: 'POST', body: { ...AMP_REQUEST, level: 'board', objectId: 1 } });
    expect(byBoard.status).toBe(201);
  });

  it('refuses an unknown level for the type with InvalidObject', async () => {
    const response = await manageRequest(demoSimulator(), 'system/callbacks', {
      method: 'POST',
      body: { ...AMP_REQUEST, level: 'galaxy' },
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      code: 'InvalidObject',
      errors: [
        {
          code: 'InvalidObject',
          message: 'Unrecognized level for type, see documentation for supported levels for each type',
          field: 'level',
        },
      ],
    });
  });

  it('refuses an invalid URL with InvalidField', async () => {
    const response = await manageRequest(demoSimulator(), 'system/callbacks', {
      method: 'POST',
      body: { ...AMP_REQUEST, url: 'not a url' },
    });
    expect(await response.json()).toMatchObject({ errors: [{ code: 'InvalidField', message: 'Invalid URL', field: 'url' }] });
  });

  it('applies the rules to PATCH too, excluding the entry itself from the duplicate check', async () => {
    const sim = demoSimulator();
    const first = (await (await manageRequest(sim, 'system/callbacks', { method: 'POST', body: AMP_REQUEST })).json()) as {
      id: number;
      connectWiseID: string;
    };
    const patched = await manageRequest(sim, `system/callbacks/${first.id}`, {
      method: 'PATCH',
      body: [{ op: 'replace', path: 'description', value: 'Tickets' }],
    });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ description: 'Tickets', connectWiseID: first.connectWiseID, objectId: 1 });
  });
});
