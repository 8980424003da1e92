import { ConnectWiseRejectedError } from '../connectwise/errors.js';
import { NotFoundError } from '../errors/domain-errors.js';
import type { PushedTicket, PushedTimeEntry } from '../../../shared/schemas/push-to-billing.js';
import { buildSyncContext, type SyncDeps } from './run-sync.js';
import { processPage, syncOneRecord, zeroCounts } from './run-stream.js';
import { timeEntriesStream } from './streams/time-entries.js';
import type { ApplyOutcome, StreamDef, SyncContext } from './stream-def.js';

export interface PushDeps extends SyncDeps {
  /** Who pushed, for the audit rows (e.g. `api:jsmith`). */
  actor: string;
}

const stream = timeEntriesStream as unknown as StreamDef<{ id: number }, unknown>;

/**
 * "Push to billing now" for one time entry (the ticket pod): re-fetches it from ConnectWise
 * and runs it through the time-entry stream exactly as a callback does (syncOneRecord), so
 * the same settings, mappings, quarantine decisions and "billed once" rules apply.
 * Idempotent: a second push finds its charge already present. An entry ConnectWise no longer
 * has is handled as deleted (a pending charge goes with it), then reported as not found.
 */
export async function pushTimeEntryToBilling(deps: PushDeps, timeEntryId: number): Promise<PushedTimeEntry> {
  const ctx = await buildSyncContext(deps, deps.actor);
  const outcome = await syncOneRecord(stream, deps.cw, ctx, timeEntryId, zeroCounts());
  if (outcome === 'deleted') throw new NotFoundError(`Time entry ${timeEntryId} was not found in ConnectWise.`);
  return (await describePushed(ctx, [outcome]))[0];
}

/**
 * "Push to billing now" for every time entry of a service ticket: the ticket's entries are
 * read in one request (the stream's fields, time on this ticket only) and go through the
 * stream as one page of records applied whatever their content hash, as callbacks are.
 */
export async function pushTicketToBilling(deps: PushDeps, ticketId: number): Promise<PushedTicket> {
  try {
    await deps.cw.get(`/service/tickets/${ticketId}`, { fields: 'id' });
  } catch (error) {
    if (error instanceof ConnectWiseRejectedError && error.status === 404)
      throw new NotFoundError(`Ticket ${ticketId} was not found in ConnectWise.`);
    throw error;
  }
  const conditions = `${stream.conditions} and chargeToId = ${ticketId}`;
  const raws: unknown[] = [];
  for await (const page of deps.cw.pages<unknown>(stream.path, { conditions, fields: stream.fields })) raws.push(...page);
  const ctx = await buildSyncContext(deps, deps.actor);
  const outcomes: ApplyOutcome[] = [];
  for (let i = 0; i < raws.length; i += 1000) {
    const page = raws.slice(i, i + 1000);
    const applied = await processPage({ def: stream, page, ctx, counts: zeroCounts(), fullRunId: null, force: true });
    const byId = new Map(applied.map((o) => [o.externalId, o]));
    for (const raw of page) {
      const id = (raw as { id?: unknown }).id;
      if (typeof id !== 'number') continue;
      // A record the schema refused never reaches apply: it is quarantined as invalid.
      outcomes.push(byId.get(id) ?? { externalId: id, outcome: 'quarantined', reason: 'invalid_record', details: {} });
    }
  }
  return { ticketId, timeEntries: await describePushed(ctx, outcomes) };
}

async function describePushed(ctx: SyncContext, outcomes: ApplyOutcome[]): Promise<PushedTimeEntry[]> {
  const charges = await ctx.billing.chargesBySource(outcomes.flatMap((o) => (o.outcome === 'synced' ? [o.target] : [])));
  return outcomes.map((o): PushedTimeEntry => {
    const timeEntryId = o.externalId;
    if (o.outcome === 'quarantined') return { timeEntryId, outcome: 'quarantined', reason: o.reason, details: o.details };
    if (o.outcome === 'skipped') return { timeEntryId, outcome: 'skipped', why: o.why };
    const charge = charges.get(o.target);
    return {
      timeEntryId,
      outcome: o.created ? 'charge_added' : o.replaced ? 'charge_updated' : 'already_present',
      chargeSource: o.target,
      chargeId: charge?.chargeId ?? null,
      invoiceId: charge?.invoiceId ?? null,
      explanation: o.explanation ?? null,
    };
  });
}
