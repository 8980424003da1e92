import type { Context } from 'hono';
import type { IncomingMessage } from 'node:http';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { manageErrors } from '../manage-errors.js';
import type { SimulatorEnv } from '../sim-env.js';
import type { ManageStore } from '../store.js';
import type { FaultInjector, FaultPlan } from './fault-injector.js';
import { driftBeforeLaterPage } from './page-drift.js';

export interface FaultDeps {
  injector: FaultInjector;
  store: ManageStore;
  clock: () => Date;
  sleep: (ms: number) => Promise<void>;
}

/**
 * The faults that happen before a request is handled, in the order a client
 * would meet them: the rate limit (429 + Retry-After with Manage's
 * `{"error","message"}` body, docs/connectwise/errors-and-rate-limits.md#rate-limiting), a dropped connection, a slow
 * answer, an injected 500, and records changing between pages. Returns the
 * response to send instead of handling the request, or null to go on.
 */
export async function faultBeforeHandling(c: Context<SimulatorEnv>, deps: FaultDeps, plan: FaultPlan): Promise<Response | null> {
  const caller = c.get('caller');
  const retryAfter = deps.injector.rateLimit(`${caller.kind}:${caller.memberIdentifier.toLowerCase()}`, deps.clock().getTime());
  if (retryAfter !== null) {
    c.header('Retry-After', String(retryAfter));
    return c.json(manageErrors.tooManyRequests(retryAfter), 429);
  }
  if (plan.drop) return droppedConnection(c);
  if (plan.slowMs > 0) await deps.sleep(plan.slowMs);
  if (plan.serverError) return c.json(manageErrors.server(), 500);
  if (plan.pageDrift && c.req.method === 'GET') driftBeforeLaterPage(deps.store, c.get('apiPath'), new URL(c.req.url).searchParams, plan);
  return null;
}

/**
 * Over HTTP the socket is destroyed without an answer (the client sees a
 * reset); in-process (`app.request`, no socket) the body stream fails instead.
 */
function droppedConnection(c: Context<SimulatorEnv>): Response {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (incoming?.socket) {
    incoming.socket.destroy();
    return RESPONSE_ALREADY_SENT;
  }
  return new Response(
    new ReadableStream({
      start(controller) {
        controller.error(new Error('connection dropped by the simulator'));
      },
    }),
  );
}

/** A successful answer cut short at `position` (0–1) of its body: a complete HTTP response whose JSON no longer parses. */
export async function truncatedResponse(response: Response, position: number): Promise<Response> {
  if (response.status < 200 || response.status >= 300 || !response.body) return response;
  const bytes = new Uint8Array(await response.arrayBuffer());
  const cut = Math.min(bytes.length - 1, Math.max(1, Math.floor(bytes.length * (0.1 + 0.8 * position))));
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  return new Response(bytes.slice(0, Math.max(cut, 0)), { status: response.status, headers });
}
