import { Hono } from 'hono';
import { z } from 'zod';
import { POWERS } from '../../../shared/powers.js';
import type { AppEnv } from '../http/app-env.js';
import type { ResolvedAppDeps } from '../app-deps.js';
import { validate } from '../http/validate.js';
import { flagTimeEntry } from '../tickets/flag-time-entry.js';
import { PreviewTimeEntryInput, previewTimeEntry } from '../tickets/preview-time-entry.js';

const EntryParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const FlagBody = z.object({ billableOption: z.enum(['Billable', 'DoNotBill', 'NoCharge']) });

/** Service managers flag time entries billable / do not bill / no charge; written back to ConnectWise. */
export function timeEntryRoutes(deps: ResolvedAppDeps) {
  const app = new Hono<AppEnv>();
  app.put(
    '/api/v1/time-entries/:id/billable-option',
    deps.requirePower(POWERS.integration),
    validate('param', EntryParams),
    validate('json', FlagBody),
    async (c) => {
      const { id } = c.req.valid('param');
      const { billableOption } = c.req.valid('json');
      const principal = c.get('principal');
      const member = principal.kind === 'session' ? deps.memberCredentials.forToken(principal.tokenId, deps.clock().getTime()) : null;
      const result = await flagTimeEntry({
        db: deps.db,
        cw: member ? deps.cw.asMember(member.memberId, member.memberHash) : deps.cw,
        clock: deps.clock,
        actor: principal.name,
        requestId: c.get('requestId'),
        timeEntryId: id,
        billableOption,
        sessionExpired: principal.kind === 'session' && !member,
      });
      return c.json(result);
    },
  );

  // What an entry being filled in will bill (the extension's time-entry preview).
  app.post('/api/v1/time-entries/preview', deps.requirePower(POWERS.integration), validate('json', PreviewTimeEntryInput), async (c) => {
    const input = c.req.valid('json');
    return c.json(await previewTimeEntry(deps.db, deps.cw, input, deps.clock(), deps.config.currency));
  });
  return app;
}
