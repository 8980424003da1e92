/**
 * `npm run sim -- --port 8788 --seed 1 --companies 2000 --time-entries 100000`:
 * the ConnectWise Manage simulator alone, on generated data (or `--demo`),
 * printing where everything is. Options: cli-args.ts.
 */
import { parseSimulatorArgs, SIMULATOR_CLI_USAGE } from './cli-args.js';
import { generateDataset } from './data/generate.js';
import { demoDataset } from './data/demo.js';
import { startSimulator } from './server.js';

async function main(): Promise<void> {
  if (process.argv.includes('--help')) {
    console.log(SIMULATOR_CLI_USAGE);
    return;
  }
  let options: ReturnType<typeof parseSimulatorArgs>;
  try {
    options = parseSimulatorArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n${SIMULATOR_CLI_USAGE}`);
    process.exit(2);
  }
  const started = performance.now();
  const dataset = options.demo
    ? demoDataset()
    : generateDataset({ seed: options.seed, companies: options.companies, timeEntries: options.timeEntries });
  const generatedIn = ((performance.now() - started) / 1000).toFixed(1);
  const sim = await startSimulator({
    port: options.port,
    listenHost: options.listenHost,
    publicHost: options.publicHost,
    tls: options.tls,
    credentials: { companyId: options.companyId, publicKey: options.publicKey, privateKey: options.privateKey },
    dataset,
    faults: options.faults,
  });
  const count = (name: string) => sim.store.all(name).length.toLocaleString('en');
  const firstTicket = sim.store.all('tickets')[0]?.id;
  const firstCompany = sim.store.all('companies')[0]?.id;
  console.log(`ConnectWise Manage simulator (${options.demo ? 'demo site' : `seed ${options.seed}`}, data made in ${generatedIn} s)
  ${count('companies')} companies, ${count('contacts')} contacts, ${count('tickets')} tickets, ${count('timeEntries')} time entries, ${count('expenseEntries')} expenses, ${count('products')} products, ${count('agreements')} agreements

  REST API:      ${sim.apiUrl}/v4_6_release/apis/3.0   (also /v2025_1/apis/3.0)
  Company info:  ${sim.apiUrl}/login/companyinfo/${options.companyId}
  Credentials:   company "${options.companyId}", public key "${options.publicKey}", private key "${options.privateKey}"; any non-empty clientId header
  Ticket screen: ${sim.pageUrl}/v4_6_release/services/system_io/Service/fv_sr100_request.rails?service_recid=${firstTicket}
  Company:       ${sim.pageUrl}/v4_6_release/services/system_io/router/openrecord.rails?recordType=CompanyFV&recid=${firstCompany}
  Manage shell:  ${sim.pageUrl}/v4_6_release/ConnectWise.aspx
  Faults:        GET/POST ${sim.apiUrl}/simulator/faults   (${options.faults ? `on: ${JSON.stringify(options.faults)}` : 'off; e.g. {"rateLimitPerMinute":1000,"serverErrorRate":0.02}'})${
    sim.certificatePem
      ? `\n  TLS:           self-signed certificate made at start; trust it with NODE_EXTRA_CA_CERTS or curl --cacert:\n${sim.certificatePem}`
      : ''
  }`);
  const stop = () => void sim.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
