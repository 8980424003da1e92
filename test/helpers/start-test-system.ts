import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readEnv } from '../../server/src/env.js';
import { startSystem, type RunningSystem } from '../../server/src/boot.js';
import { testClock } from './test-clock.js';

export interface TestSystem extends RunningSystem {
  adminToken: string;
  simulatorPageUrl: string;
  dbFile: string;
  /** The clock the whole system runs on (API, simulator, demo data): the test's today. Give it to sync deps too. */
  clock: () => Date;
}

/**
 * The whole product as `npm start` runs it, on a throwaway libSQL file and
 * free ports: the real simulator over HTTP, the real API. Its clock is the test's
 * (test-clock.ts), never the wall clock: the demo data is dated from it too.
 */
export async function startTestSystem(
  overrides: Record<string, string> = {},
  options: { clock?: () => Date; onConnectWiseRequest?: (method: string, path: string) => void } = {},
): Promise<TestSystem> {
  const dir = mkdtempSync(join(tmpdir(), 'cwb-test-'));
  const dbFile = join(dir, 'billing.db');
  const env = readEnv({ DATABASE_URL: `file:${dbFile}`, PORT: '0', SIMULATOR_PORT: '0', ...overrides });
  const clock = options.clock ?? testClock();
  const system = await startSystem(env, { podAssetsDir: resolve('dist/pod'), clock, onConnectWiseRequest: options.onConnectWiseRequest });
  return {
    ...system,
    clock,
    adminToken: system.bootstrapToken!,
    simulatorPageUrl: system.simulator!.pageUrl,
    dbFile,
    close: async () => {
      await system.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function authHeader(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

/** Calls the system's API as the bootstrap admin; answers status and parsed body. */
export function adminApi(system: TestSystem) {
  return async (method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> => {
    const response = await fetch(system.serverUrl + path, {
      method,
      headers: { ...authHeader(system.adminToken), 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
}
