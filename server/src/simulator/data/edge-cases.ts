/**
 * Finds, by what defines them, the awkward records a sync engine must survive, so a
 * test can ask for "the company whose type maps to nothing" instead of hard-coding ids.
 * Works on any data set (generated or demo); each list is empty when the data set has
 * none of that kind.
 */
import type { ManageDataset } from './manage-records.js';

/** A company type that no billing mapping is expected to know (setup-tables.ts). */
export const UNMAPPED_COMPANY_TYPE = 'Legacy Reseller';

export interface DatasetEdgeCases {
  /** Companies carrying the unmapped company type. */
  unmappedTypeCompanyIds: number[];
  /** Companies whose status has `inactiveFlag`. */
  inactiveCompanyIds: number[];
  /** Companies whose name has both double quotes and an ampersand. */
  awkwardNameCompanyIds: number[];
  /** Contacts with no Email communication item. */
  contactWithoutEmailIds: number[];
  /** Work role × work type pairs used by exactly one time entry. */
  singleUseRoleTypePairs: { workRoleId: number; workTypeId: number; timeEntryId: number }[];
  /** Catalog items referenced by exactly one procurement product and no agreement addition. */
  singleUseCatalogItems: { catalogItemId: number; productId: number }[];
  /** Inactive members who have time entries. */
  inactiveMembersWithTimeIds: number[];
}

export function findEdgeCases(dataset: ManageDataset): DatasetEdgeCases {
  const unmappedTypeIds = new Set(dataset.companyTypes.filter((t) => t.name === UNMAPPED_COMPANY_TYPE).map((t) => t.id));
  const inactiveStatusIds = new Set(dataset.companyStatuses.filter((s) => s.inactiveFlag).map((s) => s.id));

  const pairs = new Map<string, { workRoleId: number; workTypeId: number; timeEntryId: number; count: number }>();
  const membersWithTime = new Set<number>();
  for (const entry of dataset.timeEntries) {
    const workRoleId = entry.workRole?.id ?? -1;
    const workTypeId = entry.workType?.id ?? -1;
    const key = `${workRoleId}×${workTypeId}`;
    const pair = pairs.get(key);
    if (pair) pair.count++;
    else pairs.set(key, { workRoleId, workTypeId, timeEntryId: entry.id, count: 1 });
    if (entry.member?.id !== undefined && entry.member.id !== null) membersWithTime.add(entry.member.id);
  }

  const productsByItem = new Map<number, number[]>();
  for (const product of dataset.products) {
    const id = product.catalogItem?.id ?? -1;
    const list = productsByItem.get(id);
    if (list) list.push(product.id);
    else productsByItem.set(id, [product.id]);
  }
  const itemsOnAdditions = new Set(dataset.agreementAdditions.map((a) => a.product?.id));

  return {
    unmappedTypeCompanyIds: dataset.companies.filter((c) => c.types?.some((t) => unmappedTypeIds.has(t.id ?? -1))).map((c) => c.id),
    inactiveCompanyIds: dataset.companies.filter((c) => inactiveStatusIds.has(c.status?.id ?? -1)).map((c) => c.id),
    awkwardNameCompanyIds: dataset.companies.filter((c) => c.name.includes('"') && c.name.includes('&')).map((c) => c.id),
    contactWithoutEmailIds: dataset.contacts
      .filter((c) => !c.communicationItems?.some((i) => i.communicationType === 'Email'))
      .map((c) => c.id),
    singleUseRoleTypePairs: [...pairs.values()]
      .filter((p) => p.count === 1)
      .map(({ workRoleId, workTypeId, timeEntryId }) => ({ workRoleId, workTypeId, timeEntryId })),
    singleUseCatalogItems: [...productsByItem.entries()]
      .filter(([itemId, products]) => products.length === 1 && !itemsOnAdditions.has(itemId))
      .map(([catalogItemId, [productId]]) => ({ catalogItemId, productId })),
    inactiveMembersWithTimeIds: dataset.members.filter((m) => m.inactiveFlag && membersWithTime.has(m.id)).map((m) => m.id),
  };
}
