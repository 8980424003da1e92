import { z } from 'zod';

/**
 * The mappings of Emersion's module (docs/connectwise/product.md "Mappings") plus the product mappings the
 * streams need. Each kind: the ConnectWise setup table listing its values (docs/connectwise/records.md),
 * how a value is keyed, and the JSON shape of its mapping.
 */
export const MAPPING_VALUE_SCHEMAS = {
  company_type: z.object({
    sync: z.boolean(),
    accountType: z.string().trim().min(1).max(100).default('Customer'),
    accountProfile: z.string().trim().min(1).max(100).nullable().default(null),
  }),
  company_status: z.object({ sync: z.boolean(), accountStatus: z.enum(['active', 'suspended', 'closed']).default('active') }),
  communication_type: z.object({ field: z.enum(['phone', 'fax', 'email', 'ignore']) }),
  tax_code: z.object({ taxCode: z.string().trim().min(1).max(20) }),
  unit_of_measure: z.object({ unit: z.string().trim().min(1).max(40) }),
  work_role_type: z.object({ productId: z.number().int().positive() }),
  catalog_item: z.object({ productId: z.number().int().positive() }),
  expense_type: z.object({ productId: z.number().int().positive() }),
} as const;

export type MappingKind = keyof typeof MAPPING_VALUE_SCHEMAS;
export const MAPPING_KINDS = Object.keys(MAPPING_VALUE_SCHEMAS) as MappingKind[];
export type MappingValue<K extends MappingKind> = z.infer<(typeof MAPPING_VALUE_SCHEMAS)[K]>;

/** Where ConnectWise lists the values of a kind, and how to name one. */
export const MAPPING_SOURCES: Record<
  Exclude<MappingKind, 'work_role_type'>,
  { path: string; name: (r: Record<string, unknown>) => string }
> = {
  company_type: { path: '/company/companies/types', name: (r) => String(r.name ?? r.id) },
  company_status: { path: '/company/companies/statuses', name: (r) => String(r.name ?? r.id) },
  communication_type: { path: '/company/communicationTypes', name: (r) => String(r.description ?? r.name ?? r.id) },
  tax_code: { path: '/finance/taxCodes', name: (r) => String(r.identifier ?? r.name ?? r.id) },
  unit_of_measure: { path: '/procurement/unitOfMeasures', name: (r) => String(r.name ?? r.id) },
  catalog_item: { path: '/procurement/catalog', name: (r) => String(r.identifier ?? r.description ?? r.id) },
  expense_type: { path: '/expense/types', name: (r) => String(r.name ?? r.id) },
};

export const workRoleTypeKey = (workRoleId: number, workTypeId: number) => `${workRoleId}:${workTypeId}`;
