import { serve } from '@hono/node-server';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createSimulator, type Simulator, type SimulatorOptions } from './app.js';
import { createSelfSignedCertificate } from './tls/self-signed-certificate.js';

export interface RunningSimulator extends Simulator {
  /** Address for API clients on this machine (loopback IP). */
  apiUrl: string;
  /** Address for browsers (`localhost`, which extension match patterns cover). */
  pageUrl: string;
  /** With `tls`: the PEM certificate generated at start, for clients to trust. */
  certificatePem: string | null;
  close(): Promise<void>;
}

export interface StartSimulatorOptions extends SimulatorOptions {
  port: number;
  listenHost?: string;
  publicHost?: string;
  /**
   * Serve HTTPS with a self-signed certificate generated at start (Manage is
   * HTTPS-only, docs/connectwise/rest-api.md#url-and-codebase, and clients such as connectwise-rest build
   * `https://` addresses). The certificate covers localhost, the loopback
   * addresses and the listen and public hosts.
   */
  tls?: boolean;
}

export async function startSimulator(options: StartSimulatorOptions): Promise<RunningSimulator> {
  const listenHost = options.listenHost ?? '127.0.0.1';
  const publicHost = options.publicHost ?? 'localhost';
  const scheme = options.tls ? 'https' : 'http';
  const certificate = options.tls
    ? createSelfSignedCertificate({
        hosts: [
          ...new Set([
            'localhost',
            '127.0.0.1',
            '::1',
            publicHost,
            ...(listenHost === '0.0.0.0' || listenHost === '::' ? [] : [listenHost]),
          ]),
        ],
      })
    : null;
  const simulator = createSimulator(options);
  const server = certificate
    ? serve({
        fetch: simulator.app.fetch,
        port: options.port,
        hostname: listenHost,
        createServer: createHttpsServer,
        serverOptions: { cert: certificate.cert, key: certificate.key },
      })
    : serve({ fetch: simulator.app.fetch, port: options.port, hostname: listenHost });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', () => resolve());
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const apiHost = listenHost === '0.0.0.0' || listenHost === '::' ? '127.0.0.1' : listenHost;
  const apiUrl = `${scheme}://${apiHost.includes(':') ? `[${apiHost}]` : apiHost}:${port}`;
  simulator.callbacks.siteUrl = apiUrl;
  return {
    ...simulator,
    apiUrl,
    pageUrl: `${scheme}://${publicHost}:${port}`,
    certificatePem: certificate?.cert ?? null,
    close: async () => {
      simulator.callbacks.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections (browsers, undici) would hold close() open.
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
    },
  };
}
