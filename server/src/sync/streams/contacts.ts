import { z } from 'zod';
import type { ApplyOutcome, StreamDef } from '../stream-def.js';
import type { UpsertContactFromSourceInput } from '../../billing/upsert-contact-from-source.js';

/** ConnectWise contacts (`GET /company/contacts`, docs/connectwise/records.md#contacts; `ApiContact`, `ContactCommunicationItem`). */
const Ref = z.looseObject({ id: z.number().int(), name: z.string().optional() });
export const CwContactSchema = z.looseObject({
  id: z.number().int().positive(),
  firstName: z.string().optional().nullable(),
  lastName: z.string().optional().nullable(),
  company: Ref.optional().nullable(),
  inactiveFlag: z.boolean().optional().nullable(),
  communicationItems: z
    .array(
      z.looseObject({
        type: Ref.optional().nullable(),
        value: z.string().optional().nullable(),
        extension: z.string().optional().nullable(),
        defaultFlag: z.boolean().optional().nullable(),
        communicationType: z.string().optional().nullable(),
      }),
    )
    .optional()
    .nullable(),
  _info: z.looseObject({ lastUpdated: z.string().optional() }).optional(),
});
export type CwContact = z.infer<typeof CwContactSchema>;

export interface ContactRow {
  id: number;
  companyId: number | null;
  firstName: string;
  lastName: string;
  inactive: boolean;
  items: { typeId: number | null; typeName: string; value: string; extension: string; primary: boolean }[];
}

export function contactToRow(raw: CwContact): ContactRow {
  return {
    id: raw.id,
    companyId: raw.company?.id ?? null,
    firstName: (raw.firstName ?? '').trim(),
    lastName: (raw.lastName ?? '').trim(),
    inactive: raw.inactiveFlag === true,
    items: (raw.communicationItems ?? []).map((item) => ({
      typeId: item.type?.id ?? null,
      typeName: item.type?.name ?? item.communicationType ?? 'unknown',
      value: (item.value ?? '').trim(),
      extension: (item.extension ?? '').trim(),
      primary: item.defaultFlag === true,
    })),
  };
}

/**
 * Emersion's phone rule: keep only digits and "+" (a "+" only in front); an empty number
 * with an extension uses the extension. Null when nothing is left.
 */
export function normalisePhone(value: string, extension = ''): string | null {
  const clean = (text: string) => {
    const kept = text.replace(/[^0-9+]/g, '');
    return kept.startsWith('+') ? `+${kept.slice(1).replace(/\+/g, '')}` : kept.replace(/\+/g, '');
  };
  const number = clean(value);
  if (number.replace('+', '') !== '') return number.slice(0, 31);
  const ext = clean(extension).replace('+', '');
  return ext === '' ? null : ext.slice(0, 30);
}

export const contactsStream: StreamDef<CwContact, ContactRow> = {
  name: 'contacts',
  entity: 'contact',
  path: '/company/contacts',
  fields: 'id,firstName,lastName,company/id,inactiveFlag,communicationItems,_info/lastUpdated',
  schema: CwContactSchema,
  key: (raw) => raw.id,
  toRow: contactToRow,
  async apply(items, ctx) {
    const out = new Map<number, ApplyOutcome>();
    const accounts = await ctx.accountForCompany([...new Set(items.flatMap((i) => (i.row.companyId === null ? [] : [i.row.companyId])))]);
    const upserts: { externalId: number; name: string; input: UpsertContactFromSourceInput }[] = [];
    for (const { row, decision } of items) {
      const externalId = row.id;
      const name = `${row.firstName} ${row.lastName}`.trim();
      if (decision?.status === 'ignored') {
        out.set(externalId, { externalId, outcome: 'skipped', why: 'ignored in quarantine' });
        continue;
      }
      if (row.inactive) {
        out.set(externalId, { externalId, outcome: 'skipped', why: 'inactive in ConnectWise' });
        continue;
      }
      const accountId =
        (decision?.decision as { accountId?: number } | null)?.accountId ??
        (row.companyId === null ? undefined : accounts.get(row.companyId));
      if (!accountId) {
        out.set(externalId, { externalId, outcome: 'quarantined', reason: 'unknown_company', details: { name, companyId: row.companyId } });
        continue;
      }
      const unmapped = row.items.filter((item) => item.typeId === null || !ctx.mappings.get('communication_type', String(item.typeId)));
      if (unmapped.length > 0) {
        out.set(externalId, {
          externalId,
          outcome: 'quarantined',
          reason: 'unmapped_communication_type',
          details: { name, types: [...new Set(unmapped.map((u) => `${u.typeId}:${u.typeName}`))] },
        });
        continue;
      }
      const byField = (field: 'email' | 'phone') =>
        row.items
          .filter((item) => ctx.mappings.get('communication_type', String(item.typeId))!.field === field)
          .sort((a, b) => Number(b.primary) - Number(a.primary));
      const email = byField('email').find((item) => item.value !== '')?.value ?? null;
      const phone =
        byField('phone')
          .map((item) => normalisePhone(item.value, item.extension))
          .find((p) => p !== null) ?? null;
      upserts.push({
        externalId,
        name,
        input: {
          externalKey: `connectwise:contact:${row.id}`,
          accountId,
          firstName: row.firstName || '(no first name)',
          lastName: row.lastName,
          email: email?.toLowerCase() ?? null,
          phone,
        },
      });
    }
    if (upserts.length > 0) {
      try {
        // The page's contacts at once (one query to read, one statement to insert).
        const results = await ctx.billing.upsertContacts(upserts.map((u) => u.input));
        results.forEach((r, i) => {
          out.set(upserts[i].externalId, {
            externalId: upserts[i].externalId,
            outcome: 'synced',
            target: `contact:${r.contactId}`,
            created: r.outcome === 'created',
          });
        });
      } catch {
        // One contact the billing core refuses must not hold back the page: one by one to find it.
        for (const u of upserts) {
          try {
            const { contact, outcome } = await ctx.billing.upsertContact(u.input);
            out.set(u.externalId, {
              externalId: u.externalId,
              outcome: 'synced',
              target: `contact:${contact.id}`,
              created: outcome === 'created',
            });
          } catch (error) {
            out.set(u.externalId, {
              externalId: u.externalId,
              outcome: 'quarantined',
              reason: 'billing_rejected',
              details: { name: u.name, message: (error as Error).message },
            });
          }
        }
      }
    }
    return items.map((item) => out.get(item.row.id)!);
  },
};
