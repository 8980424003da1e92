// An open-loop HTTP load, in its own process so it does not share the server's thread
// (bench/ticket-api.ts). Started with `fork(..., {execArgv: ['--import', 'tsx']})`; over IPC:
//   ← {type:'run', urls, headers, rate, seconds, seed, connections}
//   → {type:'done', sent, completed, errors, statuses, p50, p90, p99, max, achievedRate}
//   ← {type:'close'}
// Open loop: request i is due at start + i / rate whatever came back before, and its latency
// runs from when it was due, not when a free connection sent it, so a slow server shows as
// latency instead of as fewer requests (no coordinated omission). URLs are drawn at random,
// seeded. Not a benchmark itself (scripts/bench.mjs lists only bench/*.ts).
import { Agent, request } from 'node:http';

interface Run {
  type: 'run';
  urls: string[];
  headers: Record<string, string>;
  rate: number;
  seconds: number;
  seed: number;
  connections: number;
}
type Message = Run | { type: 'close' };

const TIMEOUT_MS = 10_000;

function seeded(seed: number): () => number {
  // mulberry32: small, fast, and the same draws for the same seed.
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function run(spec: Run) {
  const agent = new Agent({ keepAlive: true, maxSockets: spec.connections });
  const random = seeded(spec.seed);
  const total = Math.round(spec.rate * spec.seconds);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let sent = 0;
  let completed = 0;
  let lastDone = 0;
  const start = performance.now();
  const intervalMs = 1000 / spec.rate;
  await new Promise<void>((finished) => {
    const fire = (due: number) => {
      const url = new URL(spec.urls[Math.floor(random() * spec.urls.length)]);
      const req = request(url, { agent, headers: spec.headers, timeout: TIMEOUT_MS }, (res) => {
        res.resume();
        res.on('end', () => {
          const now = performance.now();
          statuses[res.statusCode ?? 0] = (statuses[res.statusCode ?? 0] ?? 0) + 1;
          if (res.statusCode !== 200) errors++;
          latencies.push(now - due);
          lastDone = now;
          if (++completed === total) finished();
        });
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', () => {
        errors++;
        statuses.error = (statuses.error ?? 0) + 1;
        lastDone = performance.now();
        if (++completed === total) finished();
      });
      req.end();
    };
    const tick = () => {
      const now = performance.now();
      while (sent < total && start + sent * intervalMs <= now) fire(start + sent++ * intervalMs);
      if (sent < total) setTimeout(tick, Math.max(0, Math.min(1, start + sent * intervalMs - performance.now())));
    };
    tick();
  });
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  return {
    sent,
    completed,
    errors,
    statuses,
    p50: at(0.5),
    p90: at(0.9),
    p99: at(0.99),
    max: round(latencies.at(-1) ?? 0),
    achievedRate: Math.round((completed - errors) / ((lastDone - start) / 1000)),
  };
}

const round = (ms: number) => Math.round(ms * 100) / 100;

process.on('message', (message: Message) => {
  if (message.type === 'run') void run(message).then((result) => process.send!({ type: 'done', ...result }));
  else process.exit(0);
});
process.send!({ type: 'ready' });
