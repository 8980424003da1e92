import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ALL_POWERS } from '../../shared/powers.js';
import { issueToken } from '../../server/src/auth/tokens.js';
import { startTestSystem, type TestSystem } from '../helpers/start-test-system.js';
import { problemOf, type Problem } from './check-answer.js';
import { casesFor, type FuzzCase, keyOf } from './fuzz-cases.js';
import { type OpenApiDocument, type Operation, operationsOf } from './openapi-walk.js';

/**
 * Fuzzes every operation of the served OpenAPI document against the whole system (a real
 * database file, the simulator over HTTP): wrong types, huge numbers, long strings, deep and
 * invalid JSON, wrong content types, odd path ids and query strings, missing and bad tokens.
 * No answer may be a 5xx, every 4xx is the error envelope, and input the schema plainly
 * refuses is never accepted. The cases are drawn from the run's seed (FC_SEED; see
 * test/helpers/seed-randomness.ts), so a failure reproduces; each operation gets a bounded
 * number of them, which keeps the run to a few seconds' worth of requests.
 */

let system: TestSystem;
let token: string;
let doc: OpenApiDocument;

beforeAll(async () => {
  system = await startTestSystem();
  token = (await issueToken(system.database.db, { name: 'api fuzz', kind: 'api', powers: ALL_POWERS, now: system.clock() })).token;
  const response = await fetch(`${system.serverUrl}/api/v1/openapi.json`);
  expect(response.status).toBe(200);
  doc = (await response.json()) as OpenApiDocument;
});
afterAll(async () => system?.close());

// Saving a connection points the server's ConnectWise client at the saved site; run it last so
// that every other operation still talks to the simulator.
const RUNS_LAST = new Set(['PUT /api/v1/connectwise/connection']);
const inRunOrder = (ops: Operation[]) => [
  ...ops.filter((op) => !RUNS_LAST.has(keyOf(op))),
  ...ops.filter((op) => RUNS_LAST.has(keyOf(op))),
];

interface Answer {
  status: number;
  contentType: string | null;
  text: string;
}

/**
 * Sends one case. A server may close a kept-alive connection after an answer it gave before
 * reading the whole body (the usage import refuses a bad header at once); a request that then
 * meets the closed socket is sent once more on a fresh one, as an HTTP client would.
 */
async function send(c: FuzzCase): Promise<Answer | { unsendable: string } | { noAnswer: string }> {
  const first = await sendOnce(c);
  if (!('noAnswer' in first)) return first;
  retries++;
  return sendOnce(c);
}
let retries = 0;

async function sendOnce(c: FuzzCase): Promise<Answer | { unsendable: string } | { noAnswer: string }> {
  const headers: Record<string, string> = { ...c.headers };
  const authorization = c.authorization === undefined ? `Bearer ${token}` : c.authorization;
  if (authorization !== null) headers.authorization = authorization;
  const body = typeof c.body === 'string' ? c.body : c.body ? streamOf(c.body.streamedBytes) : undefined;
  try {
    const response = await fetch(`${system.serverUrl}${c.path}${c.query === undefined ? '' : `?${c.query}`}`, {
      method: c.method,
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(20_000),
      ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
    } as RequestInit);
    return { status: response.status, contentType: response.headers.get('content-type'), text: await response.text() };
  } catch (error) {
    const message = (error as Error).message;
    return message === 'fetch failed' ? { noAnswer: String((error as Error).cause ?? message) } : { unsendable: message };
  }
}

/** A body sent in chunks, without content-length, so a limit has to count what arrives. */
function streamOf(bytes: number): ReadableStream<Uint8Array> {
  const chunk = new TextEncoder().encode(`[${'0,'.repeat(32 * 1024 - 1)}`);
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      controller.enqueue(chunk);
      sent += chunk.length;
    },
  });
}

it('answers every fuzzed request of every operation without a 5xx, and every 4xx as the envelope', async () => {
  const seed = fc.readConfigureGlobal().seed ?? 0;
  const operations = inRunOrder(operationsOf(doc));
  const problems: Problem[] = [];
  const unsendable = new Map<string, number>();
  const timeByOperation = new Map<string, number>();
  let sent = 0;
  const started = performance.now();

  for (const op of operations) {
    const opStarted = performance.now();
    for (const c of casesFor(doc, op, seed)) {
      const t0 = performance.now();
      const answer = await send(c);
      const dt = performance.now() - t0;
      if (dt > 60) console.log('SLOW', Math.round(dt), c.operation, c.label.slice(0, 60), 'status' in answer ? answer.status : '');
      if ('unsendable' in answer) {
        unsendable.set(answer.unsendable.slice(0, 80), (unsendable.get(answer.unsendable.slice(0, 80)) ?? 0) + 1);
        continue;
      }
      sent++;
      if ('noAnswer' in answer) {
        problems.push({ operation: c.operation, case: c.label, status: 'no answer', what: answer.noAnswer });
        continue;
      }
      if (c.label === 'the base body') console.log('BASE', c.operation, answer.status, answer.text.slice(0, 160));
      const problem = problemOf(c, answer.status, answer.contentType, answer.text);
      if (problem) problems.push(problem);
    }
    timeByOperation.set(keyOf(op), performance.now() - opStarted);
  }

  // The fuzz must not have locked itself out (a revoked token would turn every later case into a 401).
  const me = await fetch(`${system.serverUrl}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const slowest = [...timeByOperation.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([key, ms]) => `${key} ${Math.round(ms)} ms`);
  console.log(
    [
      `api fuzz (seed ${seed}): ${sent} requests to ${operations.length} operations in ${seconds} s (${retries} sent again on a fresh connection), ${problems.length} problems`,
      `slowest: ${slowest.join('; ')}`,
      ...[...unsendable.entries()].map(([message, count]) => `not sent (${count}): ${message}`),
      ...problems.slice(0, 60).map((p) => `  ${p.operation} [${p.case}] → ${p.status}: ${p.what}`),
    ].join('\n'),
  );
  expect(me.status).toBe(200);
  expect(operations.length).toBeGreaterThanOrEqual(70);
  expect(problems).toEqual([]);
}, 180_000);
