import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCharges } from '../../src/billing/add-charges.js';
import type { BillingContext } from '../../src/billing/billing-context.js';
import { createAccount } from '../../src/billing/create-account.js';
import { createPlan } from '../../src/billing/create-plan.js';
import { addDays, addMonths } from '../../src/billing/periods.js';
import { subscribe } from '../../src/billing/subscribe.js';
import {
  accountingExportedInvoices,
  charges,
  invoiceLines,
  invoiceRuns,
  invoices,
  syncQuarantine,
  usageRecords,
} from '../../src/db/schema/index.js';
import { openTestDatabase } from '../../../test/helpers/test-db.js';
import { testNow, testToday } from '../../../test/helpers/test-clock.js';

/**
 * The billing desk's batch commands (`npm run cli -- …`) as a scheduler runs them: child
 * processes on a real database file, on the test's today (CW_BILLING_NOW), checked by their
 * exit codes, their output and what the database holds afterwards.
 */
let database: Awaited<ReturnType<typeof openTestDatabase>>;
let work: string;
const today = testToday();
const billingDate = `${today.slice(0, 8)}01`;
const lastMonth = addMonths(billingDate, -1);
const ids = { acme: 0, bravo: 0, charlie: 0 };

type Result = { code: number | null; stdout: string; stderr: string };
function cli(...args: string[]): Promise<Result> {
  const env = { ...process.env, DATABASE_URL: `file:${database.file}`, CW_BILLING_NOW: testNow().toISOString() };
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/cli.ts', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}
const json = (result: Result) => JSON.parse(result.stdout);

async function snapshot() {
  const db = database.db;
  return {
    invoices: await db.select().from(invoices).orderBy(asc(invoices.id)),
    lines: await db.select().from(invoiceLines).orderBy(asc(invoiceLines.id)),
    charges: await db.select({ id: charges.id, invoiceId: charges.invoiceId }).from(charges).orderBy(asc(charges.id)),
  };
}

beforeAll(async () => {
  database = await openTestDatabase();
  work = mkdtempSync(join(tmpdir(), 'cwb-cli-'));
  const ctx = (): BillingContext & { defaultCurrency: string } => ({
    db: database.db,
    now: testNow(),
    actor: 'test',
    defaultCurrency: 'AUD',
  });
  const opened = { billingDay: 1, openedOn: lastMonth };
  ids.acme = (await createAccount(ctx(), { name: 'Acme', ...opened })).id;
  ids.bravo = (await createAccount(ctx(), { name: 'Bravo', ...opened })).id;
  ids.charlie = (await createAccount(ctx(), { name: 'Charlie', ...opened })).id;
  // Opened after the billing date: the run leaves it out.
  await createAccount(ctx(), { name: 'Delta', billingDay: 1, openedOn: addDays(billingDate, 1) });
  const seat = await createPlan(ctx(), { code: 'SEAT', name: 'Seat', kind: 'service', periodPriceCents: 2500, taxCode: 'GST' });
  await subscribe(ctx(), { accountId: ids.acme, planId: seat.id, startDate: billingDate, quantityMilli: 3000 });
  const labour = (n: number, accountId: number, quantityMilli: number, unitPriceCents: number) => ({
    source: `test:time:${n}`,
    accountId,
    kind: 'labour' as const,
    description: `work ${n}`,
    chargeDate: addDays(lastMonth, 9),
    quantityMilli,
    unitPriceCents,
  });
  // Acme: 3 seats × $25.00 = $75.00 and 1.5 h × $165.00 = $247.50; Bravo: 0.25 h × $150.00 = $37.50; 10% GST.
  await addCharges(ctx(), { charges: [labour(1, ids.acme, 1500, 16500), labour(2, ids.bravo, 250, 15000)] });
}, 60_000);
afterAll(() => {
  database?.dispose();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the billing CLI, run as a scheduler runs it', () => {
  it('exits 2 for bad usage and changes nothing', async () => {
    const results = await Promise.all([
      cli('invoice-run', '--billing-date', `${today.slice(0, 5)}02-30`),
      cli('approve'),
      cli('credit-note', '1', '--full'),
    ]);
    for (const result of results) {
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('usage: npm run cli');
    }
    expect(results[0].stderr).toContain('--billing-date must be a calendar date YYYY-MM-DD');
    expect(results[2].stderr).toContain('--reason');
    expect((await database.db.select({ n: count() }).from(invoiceRuns))[0].n).toBe(0);
  }, 30_000);

  it('invoice-run --dry-run shows per account and section what would be billed, and writes nothing', async () => {
    const before = await snapshot();
    const [human, machine] = await Promise.all([
      cli('invoice-run', '--billing-date', billingDate, '--dry-run'),
      cli('invoice-run', '--billing-date', billingDate, '--dry-run', '--json'),
    ]);
    expect(human.code).toBe(0);
    const lines = human.stdout.split('\n');
    expect(lines[0]).toBe(`dry run of the invoice run for ${billingDate}: nothing is written`);
    expect(lines[1]).toBe(
      `account ${ids.acme} Acme (AUD), period ${billingDate} to ${addDays(addMonths(billingDate, 1), -1)}: new draft, 2 line(s)`,
    );
    expect(lines[2]).toBe('  services     1 line(s)  net $75.00  tax $7.50');
    expect(lines[3]).toBe('  labour       1 line(s)  net $247.50  tax $24.75');
    expect(lines[4]).toBe('  invoice   net $322.50  tax $32.25  total $354.75');
    expect(human.stdout).toContain('  invoice   net $37.50  tax $3.75  total $41.25');
    expect(human.stdout).toContain(
      '3 account(s): would create 2, rebuild 0, leave 0 unchanged; 1 with nothing to bill; skipped 0 approved, 0 with a later period invoiced',
    );
    expect(human.stdout).toContain('total 2 invoice(s) in AUD, net $360.00, tax $36.00, total $396.00');
    expect(human.stderr).toMatch(/^invoice-run --dry-run: 100% 3 of 3 accounts, done in [\d.]+ s$/m);

    const preview = json(machine);
    expect(machine.code).toBe(0);
    expect(
      preview.invoices.map((i: { accountId: number; netCents: number; taxCents: number; totalCents: number }) => [
        i.accountId,
        i.netCents,
        i.taxCents,
        i.totalCents,
      ]),
    ).toEqual([
      [ids.acme, 32250, 3225, 35475],
      [ids.bravo, 3750, 375, 4125],
    ]);
    expect(preview.invoices[0].sections).toEqual([
      { section: 'services', lines: 1, netCents: 7500, taxCents: 750 },
      { section: 'labour', lines: 1, netCents: 24750, taxCents: 2475 },
    ]);
    expect(preview.totals).toEqual([{ currency: 'AUD', invoices: 2, netCents: 36000, taxCents: 3600, totalCents: 39600 }]);
    expect(await snapshot()).toEqual(before);
    expect((await database.db.select({ n: count() }).from(invoiceRuns))[0].n).toBe(0);
  }, 30_000);

  it('invoice-run bills what the dry run showed, and a re-run bills nothing twice', async () => {
    const first = await cli('invoice-run', '--billing-date', billingDate);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`invoice run for ${billingDate}: a new run`);
    expect(first.stdout).toMatch(/run #\d+ completed: 3 account\(s\), created 2, updated 0, unchanged 0/);
    expect(first.stdout).toContain(`drafts issued on ${billingDate}: 2 invoice(s) in AUD, net $360.00, tax $36.00, total $396.00`);
    expect(first.stderr).toMatch(/^invoice-run: 100% 3 of 3 accounts, done in [\d.]+ s$/m);
    const billed = await snapshot();
    expect(billed.invoices.map((i) => [i.accountId, i.status, i.netCents, i.taxCents, i.totalCents])).toEqual([
      [ids.acme, 'draft', 32250, 3225, 35475],
      [ids.bravo, 'draft', 3750, 375, 4125],
    ]);
    expect(billed.charges.every((charge) => charge.invoiceId !== null)).toBe(true);

    const again = await cli('invoice-run', '--billing-date', billingDate, '--json');
    expect(again.code).toBe(0);
    expect(json(again).run).toMatchObject({ status: 'completed', invoicesCreated: 0, invoicesUpdated: 0, invoicesUnchanged: 2 });
    expect(await snapshot()).toEqual(billed);
  }, 30_000);

  it('approve numbers the drafts in order; approving again is no failure; unknown ids exit 4, a mix 5', async () => {
    const [acme, bravo] = (await snapshot()).invoices.map((invoice) => invoice.id);
    const all = await cli('approve', '--all-drafts', '--period-start', billingDate);
    expect(all.code).toBe(0);
    expect(all.stdout).toContain(`invoice ${acme}: approved as INV-000001, total $354.75`);
    expect(all.stdout).toContain(`invoice ${bravo}: approved as INV-000002, total $41.25`);
    expect(all.stdout).toContain('approved 2, already approved 0, refused 0');
    expect(all.stderr).toMatch(/^approve: 100% 2 of 2 invoices, done in [\d.]+ s$/m);

    const [none, repeat, unknown, mixed] = await Promise.all([
      cli('approve', '--all-drafts'),
      cli('approve', String(acme)),
      cli('approve', '999999'),
      cli('approve', String(bravo), '999999', '--json'),
    ]);
    expect([none.code, none.stdout.trim()]).toEqual([0, 'no drafts to approve']);
    expect([repeat.code, repeat.stdout]).toEqual([0, expect.stringContaining(`invoice ${acme}: already approved as INV-000001`)]);
    expect([unknown.code, unknown.stdout]).toEqual([4, expect.stringContaining('invoice 999999: refused — No invoice 999999.')]);
    expect(mixed.code).toBe(5);
    expect(json(mixed)).toMatchObject({ approved: 0, alreadyApproved: 1, refused: 1 });
    const numbers = (await snapshot()).invoices.map((invoice) => [invoice.status, invoice.number]);
    expect(numbers).toEqual([
      ['approved', 'INV-000001'],
      ['approved', 'INV-000002'],
    ]);
  }, 30_000);

  it('credit-note credits an amount shared over the lines, or all of it; a retry issues nothing twice', async () => {
    const [acme, bravo] = (await snapshot()).invoices.map((invoice) => invoice.id);
    const partial = await cli('credit-note', String(acme), '--amount-cents', '5000', '--reason', 'Goodwill', '--json');
    expect(partial.code).toBe(0);
    expect(json(partial)).toMatchObject({
      issued: true,
      creditNote: { number: 'CN-000001', creditedInvoiceId: acme, issuedOn: today, netCents: -5000, taxCents: -500, totalCents: -5500 },
    });
    // $50.00 shared by what each line has left: $75.00 → $11.63, $247.50 → $38.37 (largest remainder).
    const creditNoteId = json(partial).creditNote.id;
    const creditLines = await database.db
      .select()
      .from(invoiceLines)
      .where(eq(invoiceLines.invoiceId, creditNoteId))
      .orderBy(asc(invoiceLines.position));
    expect(creditLines.map((line) => [line.amountCents, line.taxCents])).toEqual([
      [-1163, -116],
      [-3837, -384],
    ]);

    const [retry, full, unknown, tooMuch] = await Promise.all([
      cli('credit-note', String(acme), '--amount-cents', '5000', '--reason', 'Goodwill'),
      cli('credit-note', String(bravo), '--full', '--reason', 'Billed in error'),
      cli('credit-note', '999999', '--full', '--reason', 'Nobody'),
      cli('credit-note', String(acme), '--amount-cents', '27251', '--reason', 'Too much'),
    ]);
    expect(retry.code).toBe(0);
    expect(retry.stdout).toContain('already issued (same invoice and reason), nothing new: credit note CN-000001');
    expect(full.code).toBe(0);
    expect(full.stdout).toContain(
      `credit note CN-000002 (id ${creditNoteId + 1}) for invoice ${bravo} on ${today}: net -$37.50, tax -$3.75, total -$41.25`,
    );
    expect(unknown.code).toBe(4);
    // $322.50 − $50.00 = $272.50 is left on Acme's invoice.
    expect(tooMuch.code).toBe(2);
    expect(tooMuch.stderr).toContain('The invoice has 27250 cents (net) left to credit; 27251 is not possible.');
    const notes = await database.db.select().from(invoices).where(eq(invoices.kind, 'credit_note')).orderBy(asc(invoices.id));
    expect(notes.map((note) => [note.number, note.totalCents])).toEqual([
      ['CN-000001', -5500],
      ['CN-000002', -4125],
    ]);
  }, 30_000);

  it('export writes the file atomically, once per invoice; a folder that is not there exits 2 and marks nothing', async () => {
    const out = join(work, 'xero.csv');
    const first = await cli('export', '--format', 'xero', '--from', billingDate, '--to', today, '--out', out);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(new RegExp(`^export #\\d+: 4 invoice\\(s\\) and credit note\\(s\\) in xero written to ${out}$`, 'm'));
    const csv = readFileSync(out, 'utf8');
    for (const number of ['INV-000001', 'INV-000002', 'CN-000001', 'CN-000002']) expect(csv).toContain(number);
    expect(readdirSync(work)).toEqual(['xero.csv']);

    const [again, asJson, missingFolder, badFormat] = await Promise.all([
      cli('export', '--format', 'xero', '--from', billingDate, '--to', today, '--out', out),
      cli('export', '--format', 'json', '--from', billingDate, '--to', today, '--out', join(work, 'export.json'), '--json'),
      cli('export', '--format', 'qbo', '--from', billingDate, '--to', today, '--out', join(work, 'no-such-folder', 'qbo.csv')),
      cli('export', '--format', 'csv', '--from', billingDate, '--to', today, '--out', out),
    ]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('nothing new to export in xero');
    expect(readFileSync(out, 'utf8').trim().split('\r\n')).toHaveLength(1);
    expect(asJson.code).toBe(0);
    expect(json(asJson)).toMatchObject({ format: 'json', invoices: 4 });
    const exported = JSON.parse(readFileSync(join(work, 'export.json'), 'utf8'));
    expect(exported.invoices.map((i: { number: string; totalCents: number }) => [i.number, i.totalCents])).toEqual([
      ['INV-000001', 35475],
      ['INV-000002', 4125],
      ['CN-000001', -5500],
      ['CN-000002', -4125],
    ]);
    expect(missingFolder.code).toBe(2);
    expect(badFormat.code).toBe(2);
    const marked = await database.db
      .select({ n: count() })
      .from(accountingExportedInvoices)
      .where(eq(accountingExportedInvoices.format, 'qbo'));
    expect(marked[0].n).toBe(0);
    expect(readdirSync(work).sort()).toEqual(['export.json', 'xero.csv']);
  }, 30_000);

  it('usage import shows progress, exits 5 when lines are refused, and a re-run imports nothing twice', async () => {
    const header = 'service_identifier,start_time,quantity,unit,class,carrier_record_id';
    const rows = [
      `0298765432,${lastMonth}T10:15:00Z,125,seconds,mobile,`,
      `0298765432,${lastMonth}T11:00:00+11:00,60,seconds,local,`,
      `nbn-777,${lastMonth}T00:00:00Z,1234567800,bytes,data,carrier-1`,
    ];
    const part = join(work, 'part.csv');
    const full = join(work, 'full.csv');
    writeFileSync(part, `${header}\n${rows.slice(0, 2).join('\n')}\n`);
    writeFileSync(full, `${header}\n${rows.join('\n')}\nnbn-777,not-a-time,5,bytes,data,\n`);

    // An import cut short is the first lines of the file: the whole file afterwards adds only the rest.
    const first = await cli('usage', 'import', part);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      /^usage import #\d+ of part\.csv: completed; 2 line\(s\) read, 2 record\(s\) added, 0 already imported, 0 refused$/m,
    );
    expect(first.stderr).toMatch(/^usage import: 100% \d+ B of \d+ B, done in [\d.]+ s$/m);

    const whole = await cli('usage', 'import', full);
    expect(whole.code).toBe(5);
    expect(whole.stdout).toMatch(/: completed; 4 line\(s\) read, 1 record\(s\) added, 2 already imported, 1 refused$/m);
    expect(whole.stdout).toContain('  line 5: ');
    const rerun = await cli('usage', 'import', full, '--json');
    expect(rerun.code).toBe(5);
    expect(json(rerun)).toMatchObject({ status: 'completed', linesRead: 4, recordsAdded: 0, duplicates: 3, invalid: 1 });

    const [missing, badHeader] = await Promise.all([
      cli('usage', 'import', join(work, 'missing.csv')),
      (writeFileSync(join(work, 'bad.csv'), 'what,ever\n1,2\n'), cli('usage', 'import', join(work, 'bad.csv'))),
    ]);
    expect(missing.code).toBe(4);
    expect(badHeader.code).toBe(1);
    expect((await database.db.select({ n: count() }).from(usageRecords))[0].n).toBe(3);
    const refused = await database.db.select({ n: count() }).from(syncQuarantine).where(eq(syncQuarantine.entity, 'usage_line'));
    expect(refused[0].n).toBe(1);
    expect(existsSync(full)).toBe(true);
  }, 40_000);
});
