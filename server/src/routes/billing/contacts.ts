import { asc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { POWERS } from '../../../../shared/powers.js';
import type { AppDeps } from '../../app-deps.js';
import type { AppEnv } from '../../http/app-env.js';
import { validate } from '../../http/validate.js';
import { idempotent } from '../../http/idempotency.js';
import { contacts } from '../../db/schema/index.js';
import { CreateContactInput, createContact } from '../../billing/create-contact.js';
import { UpdateContactInput, updateContact } from '../../billing/update-contact.js';
import { getAccount } from '../../billing/get-account.js';
import { billingContextOf, IdParam } from './billing-context-of.js';

export function contactRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const guard = () => deps.requirePower(POWERS.integration);
  const Body = CreateContactInput.omit({ accountId: true });

  app.post('/api/v1/accounts/:id/contacts', guard(), idempotent(deps), validate('param', IdParam), validate('json', Body), async (c) =>
    c.json(await createContact(billingContextOf(c, deps), { ...c.req.valid('json'), accountId: c.req.valid('param').id }), 201),
  );
  app.get('/api/v1/accounts/:id/contacts', guard(), validate('param', IdParam), async (c) => {
    const account = await getAccount(deps.db, c.req.valid('param').id);
    return c.json({ contacts: await deps.db.select().from(contacts).where(eq(contacts.accountId, account.id)).orderBy(asc(contacts.id)) });
  });
  // Locked (ConnectWise-mastered) contacts also need "Allow Contact Editing": checked by the use case.
  app.patch('/api/v1/contacts/:id', guard(), validate('param', IdParam), validate('json', UpdateContactInput.shape.changes), async (c) =>
    c.json(
      await updateContact(billingContextOf(c, deps), {
        contactId: c.req.valid('param').id,
        changes: c.req.valid('json'),
        mayEditLockedContacts: c.get('principal').powers.has(POWERS.contactEditing),
      }),
    ),
  );
  return app;
}
