import { parseArgs } from 'node:util';
import { z } from 'zod';
import { faultSettingsSchema, type FaultSettings } from './faults/fault-settings.js';

/**
 * The command line of `npm run sim` (server/src/simulator/cli.ts), e.g.
 *   npm run sim -- --port 8788 --seed 1 --companies 2000 --time-entries 100000
 * Defaults: port 8788, seed 1, 50 companies, 2,000 time entries, credentials
 * demo / demo-public / demo-private (any non-empty clientId is accepted).
 * `--demo` serves the hand-written demo site instead of generated data.
 */
export interface SimulatorCliOptions {
  port: number;
  listenHost: string;
  publicHost: string;
  seed: string;
  companies: number;
  timeEntries: number;
  demo: boolean;
  tls: boolean;
  companyId: string;
  publicKey: string;
  privateKey: string;
  /** Faults on from the start (`--faults '{"serverErrorRate":0.02}'`); off when not given. */
  faults: FaultSettings | undefined;
}

export const SIMULATOR_CLI_USAGE = `usage: npm run sim -- [options]
  --port N             port to listen on (default 8788; 0 = any free port)
  --host H             address to listen on (default 127.0.0.1)
  --public-host H      host name browsers use (default localhost)
  --seed S             generator seed (default 1)
  --companies N        companies to generate (default 50)
  --time-entries N     time entries to generate (default 2000)
  --demo               serve the hand-written demo site instead of generated data
  --tls                serve HTTPS with a self-signed certificate made at start
  --company-id ID      Manage company id (default demo)
  --public-key K       API member public key (default demo-public)
  --private-key K      API member private key (default demo-private)
  --faults JSON        faults on from the start, e.g. '{"rateLimitPerMinute":1000,"serverErrorRate":0.02}'
                       (switch them at run time with POST /simulator/faults)`;

export function parseSimulatorArgs(argv: readonly string[]): SimulatorCliOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      port: { type: 'string', default: '8788' },
      host: { type: 'string', default: '127.0.0.1' },
      'public-host': { type: 'string', default: 'localhost' },
      seed: { type: 'string', default: '1' },
      companies: { type: 'string', default: '50' },
      'time-entries': { type: 'string', default: '2000' },
      demo: { type: 'boolean', default: false },
      tls: { type: 'boolean', default: false },
      'company-id': { type: 'string', default: 'demo' },
      'public-key': { type: 'string', default: 'demo-public' },
      'private-key': { type: 'string', default: 'demo-private' },
      faults: { type: 'string' },
    },
  });
  const whole = (name: string, text: string, min: number) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min) throw new RangeError(`--${name} must be a whole number >= ${min}, got ${text}`);
    return n;
  };
  const nonEmpty = (name: string, text: string) => {
    if (text.trim() === '') throw new RangeError(`--${name} must not be empty`);
    return text;
  };
  return {
    port: whole('port', values.port, 0),
    listenHost: values.host,
    publicHost: values['public-host'],
    seed: values.seed,
    companies: whole('companies', values.companies, 1),
    timeEntries: whole('time-entries', values['time-entries'], 0),
    demo: values.demo,
    tls: values.tls,
    companyId: nonEmpty('company-id', values['company-id']),
    publicKey: nonEmpty('public-key', values['public-key']),
    privateKey: nonEmpty('private-key', values['private-key']),
    faults: values.faults === undefined ? undefined : faultSettings(values.faults),
  };
}

function faultSettings(text: string): FaultSettings {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new RangeError(`--faults must be a JSON object, got ${text}`);
  }
  const parsed = faultSettingsSchema.safeParse(json);
  if (!parsed.success) throw new RangeError(`--faults: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
