import { describe, expect, it } from 'vitest';
import { parseSimulatorArgs } from './cli-args.js';

describe('npm run sim arguments', () => {
  it('reads the documented command line', () => {
    expect(parseSimulatorArgs(['--port', '8788', '--seed', '1', '--companies', '2000', '--time-entries', '100000'])).toMatchObject({
      port: 8788,
      seed: '1',
      companies: 2000,
      timeEntries: 100000,
      companyId: 'demo',
      publicKey: 'demo-public',
      privateKey: 'demo-private',
      tls: false,
      demo: false,
    });
  });

  it('overrides the credentials', () => {
    expect(parseSimulatorArgs(['--company-id', 'acme', '--public-key', 'pub', '--private-key', 'priv', '--tls'])).toMatchObject({
      companyId: 'acme',
      publicKey: 'pub',
      privateKey: 'priv',
      tls: true,
    });
  });

  it('refuses bad numbers, empty credentials and unknown flags', () => {
    expect(() => parseSimulatorArgs(['--companies', '0'])).toThrow(/--companies/);
    expect(() => parseSimulatorArgs(['--port', 'abc'])).toThrow(/--port/);
    expect(() => parseSimulatorArgs(['--company-id', ''])).toThrow(/--company-id/);
    expect(() => parseSimulatorArgs(['--bogus'])).toThrow();
  });

  it('reads faults to switch on from the start', () => {
    expect(parseSimulatorArgs(['--faults', '{"serverErrorRate":0.02,"seed":7}']).faults).toMatchObject({
      serverErrorRate: 0.02,
      seed: 7,
      dropRate: 0,
    });
    expect(parseSimulatorArgs([]).faults).toBeUndefined();
    expect(() => parseSimulatorArgs(['--faults', '{"serverErrorRate":5}'])).toThrow(/--faults/);
    expect(() => parseSimulatorArgs(['--faults', 'nope'])).toThrow(/JSON/);
  });
});
