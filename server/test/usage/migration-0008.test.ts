// Migrations 0008 and 0009 on data written before them: ratings move into groups (with totals
// equal to the sums of their ratings), keys without a carrier id get their time prefix (so a
// file imported before still dedupes) and the quarantine items naming them follow; pending
// records move into the rating queue.

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { migrateDatabase, openDatabase } from '../../src/db/client.js';
import { usageRatingGroups, usageRatingQueue, usageRatings, usageRecords, syncQuarantine } from '../../src/db/schema/index.js';
import { parseUsageFields } from '../../src/usage/usage-record.js';
import { usageRecordKey } from '../../src/usage/record-key.js';

const dir = mkdtempSync(join(tmpdir(), 'cwb-migration-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The committed migrations up to and including `lastTag`, as a folder of their own. */
function migrationsUpTo(lastTag: string): string {
  const folder = join(dir, 'migrations');
  cpSync(resolve('server/src/db/migrations'), folder, { recursive: true });
  const journalFile = join(folder, 'meta/_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
  journal.entries = journal.entries.slice(0, journal.entries.findIndex((entry) => entry.tag === lastTag) + 1);
  writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}

it('moves ratings into groups, puts the start time in front of hashed keys and queues pending records', async () => {
  const database = await openDatabase(`file:${join(dir, 'old.db')}`);
  await migrateDatabase(database.db, migrationsUpTo('0007_compact_usage_record_keys'));
  const parsed = parseUsageFields({
    serviceIdentifier: '0298765432',
    startTime: '2026-03-04T10:15:00Z',
    quantity: '125',
    unit: 'seconds',
    usageClass: 'local',
  });
  if (!parsed.ok) throw new Error('fixture');
  const newKey = usageRecordKey(parsed.record);
  const oldKey = `sha256:${newKey.slice(19)}abcdef`; // the old key shared the digest's first 22 characters
  const run = async (sql: string) => database.client.execute(sql);
  await run(`insert into usage_records (id, record_key, import_id, service_identifier, start_time, quantity_milli, unit, usage_class, status, created_at) values
    (1, '${oldKey}', 1, '0298765432', '2026-03-04T10:15:00.000Z', 125000, 'seconds', 'local', 'rated', '2026-03-05T00:00:00.000Z'),
    (2, 'carrier:c-2', 1, '0298765432', '2026-03-06T10:15:00.000Z', 30000, 'seconds', 'local', 'rated', '2026-03-05T00:00:00.000Z'),
    (3, 'sha256:zzzzzzzzzzzzzzzzzzzzzz', 1, '0298765432', '2026-03-07T01:02:03.456Z', 1000, 'seconds', 'local', 'quarantined', '2026-03-05T00:00:00.000Z'),
    (4, 'carrier:c-4', 1, '0298765432', '2026-03-08T00:00:00.000Z', 1000, 'seconds', 'local', 'pending', '2026-03-05T00:00:00.000Z')`);
  const rating = (recordId: number, quantity: number, charged: number, amount: number, source: string | null, late: string | null) =>
    `(${recordId}, 4, 7, 9, '2026-03-01', '2026-04-01', '2026-03-0${recordId + 3}', ${late === null ? 'null' : `'${late}'`}, 'calls', 'Calls', 'minutes', 'seconds', ${quantity}, ${quantity}, ${quantity - charged}, ${charged}, ${amount}, 'AUD', '4100', 'GST', ${source === null ? 'null' : `'${source}'`}, null, '2026-04-01T00:00:00.000Z')`;
  await run(`insert into usage_ratings (record_id, rating_run_id, subscription_id, account_id, period_start, period_end, charge_date, late_from_period_start, rule_code, rule_description, allowance_code, unit, quantity_milli, billable_quantity_milli, included_quantity_milli, charged_quantity_milli, amount_cents, currency, gl_code, tax_code, charge_source, charge_id, rated_at) values
    ${rating(1, 125000, 5000, 25, 'usage:rating-4:subscription-7:2026-03-01:calls', null)},
    ${rating(2, 30000, 30000, 10, null, '2026-02-01')}`);
  await run(`insert into sync_quarantine (kind, entity, external_id, reason, details, status, first_seen_at, updated_at) values
    ('usage', 'usage_record', 'sha256:zzzzzzzzzzzzzzzzzzzzzz', 'not_rated', '{}', 'open', '2026-04-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z')`);

  await migrateDatabase(database.db);

  const groups = await database.db.select().from(usageRatingGroups);
  // The rating without a source got the one the posting code gave it: both are one charge.
  expect(groups).toEqual([
    expect.objectContaining({
      chargeSource: 'usage:rating-4:subscription-7:2026-03-01:calls',
      ratingRunId: 4,
      subscriptionId: 7,
      accountId: 9,
      records: 2,
      lateRecords: 1,
      quantityMilli: 155000,
      includedQuantityMilli: 120000,
      chargedQuantityMilli: 35000,
      amountCents: 35,
      chargeDate: '2026-03-05',
      glCode: '4100',
      taxCode: 'GST',
    }),
  ]);
  expect(await database.db.select().from(usageRatings).orderBy(usageRatings.recordId)).toEqual([
    {
      recordId: 1,
      groupId: groups[0].id,
      lateFromPeriodStart: null,
      billableQuantityMilli: 125000,
      includedQuantityMilli: 120000,
      chargedQuantityMilli: 5000,
      amountCents: 25,
    },
    {
      recordId: 2,
      groupId: groups[0].id,
      lateFromPeriodStart: '2026-02-01',
      billableQuantityMilli: 30000,
      includedQuantityMilli: 0,
      chargedQuantityMilli: 30000,
      amountCents: 10,
    },
  ]);
  const keys = (await database.db.select({ key: usageRecords.recordKey }).from(usageRecords).orderBy(usageRecords.id)).map(
    (row) => row.key,
  );
  // The same record imported again now gets the key the migration gave it: still a duplicate.
  expect(keys).toEqual([newKey, 'carrier:c-2', 't20260307010203456:zzzzzzzzzzzzzzzz', 'carrier:c-4']);
  expect(
    (await database.db.select({ status: usageRecords.status }).from(usageRecords).orderBy(usageRecords.id)).map((row) => row.status),
  ).toEqual(['accepted', 'accepted', 'quarantined', 'accepted']);
  expect(await database.db.select().from(usageRatingQueue)).toEqual([{ startTime: '2026-03-08T00:00:00.000Z', recordId: 4 }]);
  expect((await database.db.select({ id: syncQuarantine.externalId }).from(syncQuarantine)).map((row) => row.id)).toEqual([
    't20260307010203456:zzzzzzzzzzzzzzzz',
  ]);
  database.close();
});
