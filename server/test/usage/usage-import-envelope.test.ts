import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { usageImports, usageRecords } from '../../src/db/schema/index.js';
import { OPENAPI_PATH } from '../../src/routes/openapi.js';
import { createTestApp } from '../../../test/helpers/test-app.js';
import { testNow } from '../../../test/helpers/test-clock.js';

/**
 * A usage file refused whole answers like every other failure: the error envelope (422), the
 * failed import record in `details.import`, nothing imported. Lines that fail alone do not
 * refuse the file: they are counted in a 201 (docs/usage-csv-format.md).
 */
let t: Awaited<ReturnType<typeof createTestApp>>;
beforeEach(async () => {
  t = await createTestApp({ now: testNow() });
});
afterEach(() => t.dispose());

const importCsv = (body: string) =>
  t.app.request('/api/v1/usage/imports?fileName=march.csv', {
    method: 'POST',
    headers: { authorization: `Bearer ${t.adminToken}`, 'content-type': 'text/csv' },
    body,
  });

describe('POST /api/v1/usage/imports', () => {
  it('answers a file with a bad header with the 422 envelope, the import record in details, nothing imported', async () => {
    const response = await importCsv('service,when,how_much\n0298765432,2026-03-02T09:00:00Z,60\n');
    expect(response.status).toBe(422);
    const body = await response.json();
    expect(body).toEqual({
      code: 'validation_failed',
      message: expect.stringContaining('header'),
      details: {
        import: {
          importId: expect.any(Number),
          status: 'failed',
          linesRead: 0,
          recordsAdded: 0,
          duplicates: 0,
          invalid: 0,
          invalidLines: [],
          error: expect.stringContaining('header'),
        },
      },
      requestId: response.headers.get('x-request-id') ?? expect.any(String),
    });
    expect(await t.db.select().from(usageRecords)).toEqual([]);
    const stored = await (await t.request('GET', `/api/v1/usage/imports/${body.details.import.importId}`)).json();
    expect(stored).toMatchObject({ id: body.details.import.importId, status: 'failed', recordsAdded: 0 });
  });

  it('answers an empty file the same way', async () => {
    const response = await importCsv('');
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({
      code: 'validation_failed',
      details: { import: { status: 'failed', error: expect.stringContaining('empty') } },
      requestId: expect.any(String),
    });
    expect((await t.db.select().from(usageImports)).map((row) => row.status)).toEqual(['failed']);
  });

  it('still answers 201 with the import record when only some lines are bad', async () => {
    const response = await importCsv(
      [
        'service_identifier,start_time,quantity,unit,class,carrier_record_id',
        '0298765432,2026-03-02T09:00:00Z,60,seconds,local,c-1',
        '0298765432,not-a-time,60,seconds,local,c-2',
      ].join('\n'),
    );
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({
      status: 'completed',
      linesRead: 2,
      recordsAdded: 1,
      invalid: 1,
      invalidLines: [{ line: 3 }],
    });
  });

  it('describes the 422 envelope in the OpenAPI document', async () => {
    const doc = await (await t.request('GET', OPENAPI_PATH)).json();
    const refused = doc.paths['/api/v1/usage/imports'].post.responses['422'];
    expect(refused.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ErrorEnvelope' });
    expect(refused.description).toContain('details.import');
    expect(Object.keys(doc.paths['/api/v1/usage/imports'].post.responses)).toContain('201');
  });
});
