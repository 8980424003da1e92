import { Hono } from 'hono';
import { and, desc, eq, gt, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { POWERS } from '../../../../shared/powers.js';
import type { AppEnv } from '../../http/app-env.js';
import type { AppDeps } from '../../app-deps.js';
import { validate } from '../../http/validate.js';
import { NotFoundError, UnauthorizedError, ValidationError } from '../../errors/domain-errors.js';
import { syncQuarantine, syncRuns } from '../../db/schema/index.js';
import { SecretBox } from '../../settings/secret-box.js';
import { ConnectionInput, getConnection, saveConnection, storedCredentials, testConnection } from '../../settings/connection.js';
import { readSetting, writeSetting } from '../../settings/settings-store.js';
import { SYNC_OPTIONS_KEY, SyncOptionsSchema } from '../../settings/sync-options.js';
import { MAPPING_KINDS, type MappingKind } from '../../mappings/mapping-kinds.js';
import { listMappings } from '../../mappings/list-mappings.js';
import { deleteMapping, saveMapping } from '../../mappings/mapping-store.js';
import { QUARANTINE_REASONS, RECOMMENDED_FIX, type QuarantineReason } from '../../quarantine/reasons.js';
import { resolveQuarantineItems } from '../../sync/resolve-quarantine-items.js';
import { MAX_BULK_IDS, MAX_QUARANTINE_CSV_BYTES, parseQuarantineCsv, QUARANTINE_ACTIONS } from '../../sync/quarantine-actions.js';
import { runSync, syncRecord, type SyncDeps } from '../../sync/run-sync.js';
import { syncClient } from '../../sync/sync-client.js';
import {
  CallbackPayloadSchema,
  callbackSignature,
  fetchSigningKey,
  keyUrlAllowed,
  signatureMatches,
} from '../../connectwise/verify-callback-signature.js';
import { STREAM_FOR_CALLBACK_TYPE, streamNamed } from '../../sync/streams/index.js';
import { pushTicketToBilling, pushTimeEntryToBilling } from '../../sync/push-to-billing.js';
import { forgetSyncedTickets } from '../../sync/synced-ticket-records.js';
import type { QuarantineItem, SyncRun } from '../../../../shared/schemas/module-pages.js';

export interface SyncRouteOptions {
  secretBox?: SecretBox;
  /** For tests: how the callback fetches Manage's signing key. */
  fetch?: typeof fetch;
}

const KindParam = z.object({ kind: z.enum(MAPPING_KINDS as [MappingKind, ...MappingKind[]]) });
const MappingParam = KindParam.extend({
  cwKey: z
    .string()
    .min(1)
    .max(50)
    .regex(/^[0-9:]+$/),
});
const MappingBody = z.object({ cwName: z.string().trim().min(1).max(200), value: z.record(z.string(), z.unknown()) });
const QuarantineQuery = z.object({
  status: z.enum(['open', 'resolved', 'ignored']).optional(),
  reason: z.enum(QUARANTINE_REASONS).optional(),
  entity: z.string().max(30).optional(),
  afterId: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
const ActionsBody = z.object({
  action: z.enum(QUARANTINE_ACTIONS),
  ids: z.array(z.number().int().positive()).min(1).max(MAX_BULK_IDS),
  accountId: z.number().int().positive().optional(),
  productId: z.number().int().positive().optional(),
});
const SyncBody = z.object({ mode: z.enum(['incremental', 'full']).default('incremental') }).default({ mode: 'incremental' });
const RecordParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const RunParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const RunsQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(20) });

/**
 * The ConnectWise sync module's API: connection and options (Settings power), mappings
 * (Mappings power), quarantine (Quarantine power), runs and "sync now" (Integration power),
 * and Manage's callback endpoint (public, verified by its signature).
 */
export function syncRoutes(deps: AppDeps, options: SyncRouteOptions = {}) {
  const app = new Hono<AppEnv>();
  const box = options.secretBox ?? SecretBox.load(process.env.SECRET_KEY);
  const syncDeps = async (): Promise<SyncDeps> => ({
    db: deps.db,
    cw: await syncClient(deps.db, box, deps.cw),
    clock: deps.clock,
    currency: deps.config.currency,
  });
  const actorOf = (c: { get(key: 'principal'): unknown }) => {
    const principal = c.get('principal') as { name?: string; id?: unknown } | undefined;
    return `api:${principal?.name ?? principal?.id ?? 'unknown'}`;
  };

  // Settings -----------------------------------------------------------------
  app.get('/api/v1/connectwise/connection', deps.requirePower(POWERS.settings), async (c) => c.json(await getConnection(deps.db)));
  app.put('/api/v1/connectwise/connection', deps.requirePower(POWERS.settings), validate('json', ConnectionInput), async (c) => {
    const saved = await saveConnection(deps.db, box, c.req.valid('json'), deps.clock(), options.fetch);
    // Everything holding the server's client (pod sign-in, tickets, flags) follows the saved connection.
    const credentials = await storedCredentials(deps.db, box);
    if (credentials) deps.cw.useCredentials(credentials);
    // What the ticket view holds was read through the old connection (maybe another site).
    await forgetSyncedTickets(deps.db);
    return c.json(saved);
  });
  app.post('/api/v1/connectwise/connection/test', deps.requirePower(POWERS.settings), async (c) =>
    c.json(await testConnection(deps.db, box, options.fetch ? { fetch: options.fetch } : {})),
  );
  app.get('/api/v1/connectwise/options', deps.requirePower(POWERS.settings), async (c) =>
    c.json(await readSetting(deps.db, SYNC_OPTIONS_KEY, SyncOptionsSchema)),
  );
  app.put('/api/v1/connectwise/options', deps.requirePower(POWERS.settings), validate('json', SyncOptionsSchema), async (c) => {
    const value = c.req.valid('json');
    await writeSetting(deps.db, SYNC_OPTIONS_KEY, value, deps.clock());
    return c.json(value);
  });

  // Mappings -----------------------------------------------------------------
  app.get('/api/v1/connectwise/mappings/:kind', deps.requirePower(POWERS.mappings), validate('param', KindParam), async (c) => {
    const { kind } = c.req.valid('param');
    return c.json({ kind, items: await listMappings(deps.db, (await syncDeps()).cw, kind) });
  });
  app.put(
    '/api/v1/connectwise/mappings/:kind/:cwKey',
    deps.requirePower(POWERS.mappings),
    validate('param', MappingParam),
    validate('json', MappingBody),
    async (c) => {
      const { kind, cwKey } = c.req.valid('param');
      const body = c.req.valid('json');
      return c.json({ kind, cwKey, value: await saveMapping(deps.db, kind, cwKey, body.cwName, body.value, deps.clock()) });
    },
  );
  app.delete(
    '/api/v1/connectwise/mappings/:kind/:cwKey',
    deps.requirePower(POWERS.mappings),
    validate('param', MappingParam),
    async (c) => {
      const { kind, cwKey } = c.req.valid('param');
      if (!(await deleteMapping(deps.db, kind, cwKey))) throw new NotFoundError(`No ${kind} mapping for ${cwKey}.`);
      return c.body(null, 204);
    },
  );

  // Quarantine ---------------------------------------------------------------
  app.get('/api/v1/connectwise/quarantine', deps.requirePower(POWERS.quarantine), validate('query', QuarantineQuery), async (c) => {
    const q = c.req.valid('query');
    const where: SQL[] = [gt(syncQuarantine.id, q.afterId)];
    if (q.status) where.push(eq(syncQuarantine.status, q.status));
    if (q.reason) where.push(eq(syncQuarantine.reason, q.reason));
    if (q.entity) where.push(eq(syncQuarantine.entity, q.entity));
    const rows = await deps.db
      .select()
      .from(syncQuarantine)
      .where(and(...where))
      .orderBy(syncQuarantine.id)
      .limit(q.limit);
    return c.json({
      items: rows.map((r): QuarantineItem => ({ ...r, recommendedFix: RECOMMENDED_FIX[r.reason as QuarantineReason] ?? null })),
      nextAfterId: rows.length === q.limit ? rows[rows.length - 1].id : null,
    });
  });
  app.post('/api/v1/connectwise/quarantine/actions', deps.requirePower(POWERS.quarantine), validate('json', ActionsBody), async (c) => {
    const body = c.req.valid('json');
    if (new Set(body.ids).size !== body.ids.length) throw new ValidationError('An id appears twice.');
    const results = await resolveQuarantineItems(
      { ...(await syncDeps()), actor: actorOf(c), requestId: c.get('requestId') },
      body.ids.map((id) => ({ id, action: body.action, accountId: body.accountId, productId: body.productId })),
    );
    return c.json({ items: results });
  });
  app.post('/api/v1/connectwise/quarantine/csv', deps.requirePower(POWERS.quarantine), async (c) => {
    const text = await c.req.text();
    if (text.length > MAX_QUARANTINE_CSV_BYTES) throw new ValidationError(`The CSV is larger than ${MAX_QUARANTINE_CSV_BYTES} bytes.`);
    const requests = parseQuarantineCsv(text);
    const results = await resolveQuarantineItems({ ...(await syncDeps()), actor: actorOf(c), requestId: c.get('requestId') }, requests);
    return c.json({ items: results.length, open: results.filter((r) => r.status === 'open').length });
  });

  // Runs -----------------------------------------------------------------------
  app.post('/api/v1/connectwise/sync', deps.requirePower(POWERS.integration), validate('json', SyncBody.optional()), async (c) => {
    const body = c.req.valid('json') ?? { mode: 'incremental' as const };
    return c.json(await runSync(await syncDeps(), { mode: body.mode, trigger: `manual:${actorOf(c)}` }), 201);
  });
  app.get('/api/v1/connectwise/runs', deps.requirePower(POWERS.integration), validate('query', RunsQuery), async (c) => {
    const { limit } = c.req.valid('query');
    // Typed as the shared shape: a status added to the table and not to shared/schemas fails to compile.
    const items: SyncRun[] = await deps.db.select().from(syncRuns).orderBy(desc(syncRuns.id)).limit(limit);
    return c.json({ items });
  });
  app.get('/api/v1/connectwise/runs/:id', deps.requirePower(POWERS.integration), validate('param', RunParam), async (c) => {
    const { id } = c.req.valid('param');
    const [run]: SyncRun[] = await deps.db.select().from(syncRuns).where(eq(syncRuns.id, id));
    if (!run) throw new NotFoundError(`No sync run ${id}.`);
    return c.json(run);
  });

  // Push to billing now (the ticket pod): one entry, or every entry of a ticket, through the time-entry stream.
  app.post(
    '/api/v1/connectwise/time-entries/:id/push',
    deps.requirePower(POWERS.integration),
    validate('param', RecordParam),
    async (c) => {
      const { id } = c.req.valid('param');
      return c.json(await pushTimeEntryToBilling({ ...(await syncDeps()), actor: actorOf(c) }, id));
    },
  );
  app.post('/api/v1/connectwise/tickets/:id/push', deps.requirePower(POWERS.integration), validate('param', RecordParam), async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await pushTicketToBilling({ ...(await syncDeps()), actor: actorOf(c) }, id));
  });

  // Manage's callbacks (public: Manage cannot present a token; the signature proves the sender).
  app.post('/api/v1/connectwise/callbacks', async (c) => {
    const raw = await c.req.text();
    let payload: z.infer<typeof CallbackPayloadSchema>;
    try {
      payload = CallbackPayloadSchema.parse(JSON.parse(raw));
    } catch {
      throw new ValidationError('Not a ConnectWise callback payload.');
    }
    const sd = await syncDeps();
    if (!keyUrlAllowed(payload.Metadata.key_url, sd.cw.credentials.site))
      throw new UnauthorizedError('The callback key_url is not on the connected ConnectWise site.');
    const signingKey = await fetchSigningKey(payload.Metadata.key_url, sd.cw.credentials.clientId, options.fetch).catch(() => {
      throw new UnauthorizedError('The callback signing key could not be fetched.');
    });
    if (!signatureMatches(callbackSignature(signingKey, raw), c.req.header('x-content-signature')))
      throw new UnauthorizedError('The callback signature does not match.');
    const stream = STREAM_FOR_CALLBACK_TYPE[payload.Type.toLowerCase()];
    if (!stream) return c.body(null, 204);
    // The payload's Entity is ignored: the record is re-fetched (a deletion shows as 404).
    const counts = await syncRecord(sd, streamNamed(stream), payload.ID);
    return c.json({ stream, id: payload.ID, counts }, 200);
  });
  return app;
}
