import { createSimulator, type Simulator, type SimulatorOptions } from '../app.js';
import { demoDataset } from '../data/demo.js';

/** Test helpers: a simulator on the demo data, and requests to it as an API member would make them. */
export const TEST_CREDENTIALS = { companyId: 'demo', publicKey: 'demo-public', privateKey: 'demo-private' } as const;
export const API_BASE = 'http://sim.test/v4_6_release/apis/3.0';

export function demoSimulator(options: Partial<SimulatorOptions> = {}): Simulator {
  return createSimulator({
    credentials: TEST_CREDENTIALS,
    dataset: demoDataset(),
    clock: () => new Date('2026-07-01T09:00:00Z'),
    ...options,
  });
}

export function apiHeaders(extra: Record<string, string> = {}): Record<string, string> {
  const basic = Buffer.from(`${TEST_CREDENTIALS.companyId}+${TEST_CREDENTIALS.publicKey}:${TEST_CREDENTIALS.privateKey}`).toString(
    'base64',
  );
  return { authorization: `Basic ${basic}`, clientId: 'test-client', ...extra };
}

/** `path` below `apis/3.0/`, e.g. `company/companies?pageSize=2`. */
export function manageRequest(
  sim: Simulator,
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Response> {
  return Promise.resolve(
    sim.app.request(`${API_BASE}/${path}`, {
      method: init.method ?? 'GET',
      headers: apiHeaders({ ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers }),
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    }),
  );
}
