import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createSimulator, type Simulator, type SimulatorOptions } from './app.js';

export interface RunningSimulator extends Simulator {
  /** Address for API clients on this machine (loopback IP). */
  apiUrl: string;
  /** Address for browsers (`localhost`, which extension match patterns cover). */
  pageUrl: string;
  close(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions & { port: number; listenHost?: string; publicHost?: string }): Promise<RunningSimulator> {
  const simulator = createSimulator(options);
  const listenHost = options.listenHost ?? '127.0.0.1';
  const server = serve({ fetch: simulator.app.fetch, port: options.port, hostname: listenHost });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', () => resolve());
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    ...simulator,
    apiUrl: `http://${listenHost}:${port}`,
    pageUrl: `http://${options.publicHost ?? 'localhost'}:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
