import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { charges, syncLeases } from '../../src/db/schema/index.js';
import { startTestSystem, type TestSystem } from '../../../test/helpers/start-test-system.js';
import { mapDemo } from './demo-fixture.js';

/** `npm run cli -- …` as a child process, on the test system's database and simulator. */
let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem();
  await mapDemo(system.database.db);
});
afterAll(async () => system?.close());

function cli(args: string[], viaNpm = false): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = {
    ...process.env,
    DATABASE_URL: `file:${system.dbFile}`,
    CW_SITE: system.simulator!.apiUrl,
    SECRET_KEY: 'cli-test-secret-key-that-is-long-enough-0000',
  };
  const child = viaNpm
    ? spawn('npm', ['run', '--silent', 'cli', '--', ...args], { env })
    : spawn(process.execPath, ['--import', 'tsx', 'server/src/cli.ts', ...args], { env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('the sync CLI', () => {
  it('sync --full prints each saved page and the run, and exits 0', async () => {
    const { code, stdout } = await cli(['sync', '--full']);
    expect(code).toBe(0);
    expect(stdout).toContain('sync (full) with http://');
    expect(stdout).toMatch(/time_entries: page 1 saved/);
    expect(stdout).toMatch(/run #\d+ succeeded in \d+ ms, \d+ requests: added \d+/);
    expect((await system.database.db.select().from(charges).where(eq(charges.source, 'connectwise:time:1'))).length).toBe(1);
  }, 60_000);

  it('runs lists the recorded runs (through npm run cli)', async () => {
    const { code, stdout } = await cli(['runs'], true);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^#\d+ \S+ full\s+succeeded .*\(cli\)$/m);
  }, 60_000);

  it('quarantine lists the open items, filtered by reason', async () => {
    const { code, stdout } = await cli(['quarantine', '--reason', 'unknown_company']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^#\d+ contact 11 unknown_company open /m);
    expect(stdout).not.toContain('unmapped_company_type');
    expect(stdout).toMatch(/\d+ open item\(s\) with reason unknown_company/);
  }, 60_000);

  it('push-ticket pushes every entry of a ticket and says what became of each', async () => {
    const { code, stdout } = await cli(['push-ticket', '1001']);
    expect(code).toBe(0);
    expect(stdout).toContain('time entry 1: already_present — connectwise:time:1');
    expect(stdout).toContain('time entry 4: skipped — status PendingApproval is not approved to bill');
    expect(stdout).toContain('ticket 1001: 5 time entries');
  }, 60_000);

  it('exits 4 for a ticket ConnectWise does not have, 2 for bad usage', async () => {
    expect((await cli(['push-ticket', '999999'])).code).toBe(4);
    const bad = await cli(['quarantine', '--reason', 'nonsense']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('usage: npm run cli');
    expect((await cli(['frobnicate'])).code).toBe(2);
  }, 60_000);

  it('exits 3 while another sync holds the lease', async () => {
    const db = system.database.db;
    // Held by this (live) process, and valid whatever the CLI's clock reads.
    await db
      .insert(syncLeases)
      .values({ name: 'sync', holder: `${hostname()}:${process.pid}:test`, expiresAt: '9999-12-31T23:59:59.999Z' });
    try {
      const { code, stderr } = await cli(['sync']);
      expect(code).toBe(3);
      expect(stderr).toContain('already running');
    } finally {
      await db.delete(syncLeases).where(eq(syncLeases.name, 'sync'));
    }
  }, 60_000);
});
