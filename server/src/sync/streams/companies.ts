import { z } from 'zod';
import type { StreamDef, ApplyOutcome } from '../stream-def.js';
import { companyKey } from '../stream-def.js';

/**
 * ConnectWise companies (`GET /company/companies`, docs/connectwise/records.md#companies; ConnectWise's `Company`
 * schema). Lenient: only what we map is checked.
 */
const Ref = z.looseObject({ id: z.number().int(), name: z.string().optional() });
export const CwCompanySchema = z.looseObject({
  id: z.number().int().positive(),
  identifier: z.string(),
  name: z.string().min(1),
  status: Ref.optional().nullable(),
  types: z.array(Ref).optional().nullable(),
  taxCode: Ref.optional().nullable(),
  deletedFlag: z.boolean().optional().nullable(),
  _info: z.looseObject({ lastUpdated: z.string().optional() }).optional(),
});
export type CwCompany = z.infer<typeof CwCompanySchema>;

export interface CompanyRow {
  id: number;
  identifier: string;
  name: string;
  types: { id: number; name: string }[];
  status: { id: number; name: string } | null;
  /** Company > Finance > Tax Code (docs/connectwise/records.md#companies `taxCode`): how the customer is taxed. */
  taxCode: { id: number; name: string } | null;
  deleted: boolean;
}

export function companyToRow(raw: CwCompany): CompanyRow {
  return {
    id: raw.id,
    identifier: raw.identifier,
    name: raw.name.trim(),
    types: (raw.types ?? []).map((t) => ({ id: t.id, name: t.name ?? String(t.id) })),
    status: raw.status ? { id: raw.status.id, name: raw.status.name ?? String(raw.status.id) } : null,
    taxCode: raw.taxCode ? { id: raw.taxCode.id, name: raw.taxCode.name ?? String(raw.taxCode.id) } : null,
    deleted: raw.deletedFlag === true,
  };
}

export const companiesStream: StreamDef<CwCompany, CompanyRow> = {
  name: 'companies',
  entity: 'company',
  path: '/company/companies',
  fields: 'id,identifier,name,status/id,status/name,types,taxCode/id,taxCode/name,deletedFlag,_info/lastUpdated',
  schema: CwCompanySchema,
  key: (raw) => raw.id,
  toRow: companyToRow,
  async apply(items, ctx) {
    const out: ApplyOutcome[] = [];
    for (const { row, decision, existing } of items) {
      const externalId = row.id;
      if (decision?.status === 'ignored') {
        out.push({ externalId, outcome: 'skipped', why: 'ignored in quarantine' });
        continue;
      }
      if (row.deleted) {
        out.push({ externalId, outcome: 'skipped', why: 'deleted in ConnectWise' });
        continue;
      }
      // Company types: the first type with a mapping decides (docs/connectwise/product.md "Mappings").
      const typeMapping = row.types.map((t) => ({ t, m: ctx.mappings.get('company_type', String(t.id)) })).find((x) => x.m);
      const statusMapped = row.status ? ctx.mappings.get('company_status', String(row.status.id)) : undefined;
      // An admin who created or linked the account from the quarantine has decided for this company:
      // that stands while its type or status is unmapped (the profile is left as the admin made it).
      const decidedAccountId = (decision?.decision as { accountId?: number } | null)?.accountId;
      if (decidedAccountId && (!typeMapping || !statusMapped)) {
        const [decided] = await ctx.billing.accountById([decidedAccountId]);
        if (decided) {
          out.push({ externalId, outcome: 'synced', target: `account:${decidedAccountId}`, created: false });
          continue;
        }
      }
      if (!typeMapping) {
        out.push({ externalId, outcome: 'quarantined', reason: 'unmapped_company_type', details: { name: row.name, types: row.types } });
        continue;
      }
      if (!row.status) {
        out.push({ externalId, outcome: 'quarantined', reason: 'unmapped_company_status', details: { name: row.name, status: null } });
        continue;
      }
      const statusMapping = ctx.mappings.get('company_status', String(row.status.id));
      if (!statusMapping) {
        out.push({
          externalId,
          outcome: 'quarantined',
          reason: 'unmapped_company_status',
          details: { name: row.name, status: row.status },
        });
        continue;
      }
      if (!typeMapping.m!.sync || !statusMapping.sync) {
        out.push({
          externalId,
          outcome: 'skipped',
          why: !typeMapping.m!.sync
            ? `company type ${typeMapping.t.name} is not synced`
            : `company status ${row.status.name} is not synced`,
        });
        continue;
      }
      // The company's tax code (a mapping of Emersion's) taxes its charges that carry none of their
      // own; no tax code, or an unmapped one, leaves it to the products (never a quarantine).
      const taxCode = row.taxCode ? (ctx.mappings.get('tax_code', String(row.taxCode.id))?.taxCode ?? null) : null;
      const profile = {
        name: row.name,
        accountType: typeMapping.m!.accountType,
        accountProfile: typeMapping.m!.accountProfile,
        status: statusMapping.accountStatus,
        taxCode,
      };
      try {
        // Matched by ConnectWise id first (an admin's link, or the account we created) ...
        const linkedId = (decision?.decision as { accountId?: number } | null)?.accountId ?? parseAccountTarget(existing?.target);
        if (linkedId && !(await ctx.billing.accountByExternalKey(companyKey(row.id)))) {
          const [account] = await ctx.billing.accountById([linkedId]);
          if (account) {
            const changes = Object.fromEntries(Object.entries(profile).filter(([k, v]) => (account as Record<string, unknown>)[k] !== v));
            if (Object.keys(changes).length > 0) await ctx.billing.updateAccount(linkedId, changes);
            out.push({ externalId, outcome: 'synced', target: `account:${linkedId}`, created: false });
            continue;
          }
        }
        // ... then by the admin's matching rule, for an account that exists without a source.
        if (ctx.options.companyMatchRule === 'name' && !(await ctx.billing.accountByExternalKey(companyKey(row.id)))) {
          const matches = await ctx.billing.unlinkedAccountsNamed(row.name);
          if (matches.length > 1) {
            out.push({
              externalId,
              outcome: 'quarantined',
              reason: 'ambiguous_company',
              details: { name: row.name, accountIds: matches.map((m) => m.id) },
            });
            continue;
          }
          if (matches.length === 1) {
            await ctx.billing.updateAccount(matches[0].id, profile);
            out.push({ externalId, outcome: 'synced', target: `account:${matches[0].id}`, created: false });
            continue;
          }
        }
        const { account, outcome } = await ctx.billing.upsertAccount({
          externalKey: companyKey(row.id),
          ...profile,
          announceCreation: ctx.options.fireAccountCreatedEvent,
        });
        out.push({ externalId, outcome: 'synced', target: `account:${account.id}`, created: outcome === 'created' });
      } catch (error) {
        out.push({
          externalId,
          outcome: 'quarantined',
          reason: 'billing_rejected',
          details: { name: row.name, message: (error as Error).message },
        });
      }
    }
    return out;
  },
};

export function parseAccountTarget(target: string | null | undefined): number | undefined {
  const match = /^account:(\d+)$/.exec(target ?? '');
  return match ? Number(match[1]) : undefined;
}
