import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import https from 'node:https';
import { ManageAPI } from 'connectwise-rest';
import { startSimulator, type RunningSimulator } from './server.js';
import { generateDataset } from './data/generate.js';
import { TEST_CREDENTIALS } from './testing/manage-request.js';

/**
 * An unmodified third-party client, connectwise-rest's ManageAPI, against the
 * simulator over HTTPS, exactly as it would run against a Manage site: it
 * builds `https://{companyUrl}/{entryPoint}/apis/3.0` and sends
 * `Accept: application/vnd.connectwise.com+json; version=2021.1, application/json`.
 * The only concession is trust: the simulator's self-signed certificate is
 * added to Node's default HTTPS agent, as NODE_EXTRA_CA_CERTS would add it.
 */
let sim: RunningSimulator;
let cwm: ManageAPI;
let previousCa: unknown;
const dataset = generateDataset({ seed: 11, companies: 30, timeEntries: 300 });

beforeAll(async () => {
  sim = await startSimulator({ port: 0, tls: true, credentials: TEST_CREDENTIALS, dataset });
  previousCa = https.globalAgent.options.ca;
  https.globalAgent.options.ca = sim.certificatePem!;
  cwm = new ManageAPI({
    companyId: TEST_CREDENTIALS.companyId,
    companyUrl: new URL(sim.pageUrl).host, // localhost:PORT, which the certificate names
    publicKey: TEST_CREDENTIALS.publicKey,
    privateKey: TEST_CREDENTIALS.privateKey,
    clientId: 'connectwise-rest-test',
    entryPoint: 'v4_6_release',
    logger: () => {},
  });
});

afterAll(async () => {
  https.globalAgent.options.ca = previousCa as string | undefined;
  await sim?.close();
});

describe('connectwise-rest ManageAPI against the simulator over HTTPS', () => {
  it('lists with conditions and paging', async () => {
    const expected = dataset.timeEntries.filter((e) => e.billableOption === 'Billable').map((e) => e.id);
    const page1 = await cwm.TimeAPI.getTimeEntries({ conditions: 'billableOption = "Billable"', page: 1, pageSize: 25 });
    expect(page1.map((e) => e.id)).toEqual(expected.slice(0, 25));
    const all = await cwm.paginate(
      cwm.TimeAPI.getTimeEntries,
      { startPage: 1, pageSize: 40 },
      { conditions: 'billableOption = "Billable"' },
    );
    expect((all as Array<{ id: number }>).map((e) => e.id)).toEqual(expected);
  });

  it('counts', async () => {
    const count = await cwm.CompanyAPI.getCompanyCompaniesCount({ conditions: 'status/name = "Active"' });
    expect(count).toEqual({ count: dataset.companies.filter((c) => c.status?.name === 'Active').length });
  });

  it('gets one record', async () => {
    const company = dataset.companies[3];
    const got = await cwm.CompanyAPI.getCompanyCompaniesById(company.id);
    expect(got).toMatchObject({ id: company.id, identifier: company.identifier, name: company.name });
  });

  it('creates, patches and deletes', async () => {
    const created = await cwm.CompanyAPI.postCompanyCompanies({
      identifier: 'ThirdParty',
      name: 'Third Party Pty Ltd',
      site: { name: 'Main' },
    } as never);
    expect(created).toMatchObject({ identifier: 'ThirdParty', name: 'Third Party Pty Ltd' });
    const patched = await cwm.CompanyAPI.patchCompanyCompaniesById(created.id!, [
      { op: 'replace', path: 'name', value: 'Renamed Pty Ltd' as never },
    ]);
    expect(patched).toMatchObject({ id: created.id, name: 'Renamed Pty Ltd' });
    await cwm.CompanyAPI.deleteCompanyCompaniesById(created.id!);
    await expect(cwm.CompanyAPI.getCompanyCompaniesById(created.id!)).rejects.toMatchObject({
      status: 404,
      data: { code: 'NotFound', message: `Company ${created.id} not found` },
    });
  });

  it('gets Manage\u2019s validation error for a bad create', async () => {
    await expect(cwm.CompanyAPI.postCompanyCompanies({ name: 'No identifier' } as never)).rejects.toMatchObject({
      status: 400,
      data: { code: 'InvalidObject', errors: [{ code: 'MissingRequiredField', field: 'identifier' }] },
    });
  });
});
