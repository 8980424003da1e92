import { readEnv } from './env.js';
import { startSystem } from './boot.js';

/** `npm start`: the product on its embedded defaults, then where to look. */
const env = readEnv();
const system = await startSystem(env, { liveSync: true });
const lines = [
  '',
  'ConnectWise billing is running.',
  `  API:                 ${system.serverUrl}/api/v1  (health: ${system.serverUrl}/health)`,
];
if (system.simulator) {
  lines.push(
    `  ConnectWise (sim):   ${system.simulator.apiUrl}/v4_6_release/apis/3.0  company "${env.CW_COMPANY_ID}"`,
    `  Ticket screen + pod: ${system.simulator.pageUrl}/v4_6_release/services/system_io/Service/fv_sr100_request.rails?service_recid=1001`,
    `  Company screen, tabs: ${system.simulator.pageUrl}/v4_6_release/services/system_io/router/openrecord.rails?recordType=CompanyFV&recid=250`,
    `  Module pages:        ${system.serverUrl}/pod/?page=quarantine  (sign in with the admin token)`,
  );
}
lines.push(`  Chrome extension:    load the folder dist/extension (chrome://extensions > Developer mode > Load unpacked)`);
if (system.bootstrapToken) {
  lines.push('', `  Admin API token (shown once, store it now): ${system.bootstrapToken}`);
}
console.log(`${lines.join('\n')}\n`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void system.close().then(() => process.exit(0));
  });
}
