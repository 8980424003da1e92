// The ConnectWise simulator on generated data, in its own process, for benchmarks that
// measure the sync's memory and CPU alone (bench/sync-full.ts). Started with
// `fork(..., {execArgv: ['--import', 'tsx']})`; talks over the IPC channel:
//   → {type:'ready', apiUrl, setup}            once listening (setup = the tables an admin maps)
//   ← {type:'edit', collection, count, field}  edits the first `count` records ("(edited)" appended)
//   → {type:'edited', collection, count}
//   ← {type:'close'}                           → {type:'closed', rssMb}, then exits
// Not a benchmark itself (scripts/bench.mjs lists only bench/*.ts).
import { generateDataset } from '../../server/src/simulator/data/generate.js';
import { startSimulator } from '../../server/src/simulator/server.js';

interface Options {
  seed: number;
  companies: number;
  contactsPerCompany: number;
  timeEntries: number;
  credentials: { companyId: string; publicKey: string; privateKey: string };
}
type Message = { type: 'edit'; collection: string; count: number; field: string } | { type: 'close' };

const options = JSON.parse(process.env.SIM_OPTIONS ?? '{}') as Options;
const dataset = generateDataset({
  seed: options.seed,
  companies: options.companies,
  contactsPerCompany: options.contactsPerCompany,
  timeEntries: options.timeEntries,
});
const simulator = await startSimulator({ port: 0, credentials: options.credentials, dataset: dataset as never });
const send = (message: Record<string, unknown>) => process.send!(message);

send({
  type: 'ready',
  apiUrl: simulator.apiUrl,
  setup: {
    companyTypes: dataset.companyTypes.map((t) => ({ id: t.id, name: t.name })),
    companyStatuses: dataset.companyStatuses.map((s) => ({ id: s.id, name: s.name })),
    communicationTypes: dataset.communicationTypes.map((t) => ({
      id: t.id,
      description: t.description,
      emailFlag: t.emailFlag,
      faxFlag: t.faxFlag,
    })),
  },
});

process.on('message', (message: Message) => {
  if (message.type === 'edit') {
    const store = simulator.store;
    for (const record of store.all(message.collection).slice(0, message.count)) {
      store.replace(message.collection, { ...record, [message.field]: `${String(record[message.field] ?? '')} (edited)` }, 'bench');
    }
    send({ type: 'edited', collection: message.collection, count: message.count });
  } else if (message.type === 'close') {
    const rssMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
    void simulator.close().then(() => {
      send({ type: 'closed', rssMb });
      process.disconnect();
      process.exit(0);
    });
  }
});
